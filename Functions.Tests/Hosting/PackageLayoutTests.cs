using System.IO.Compression;
using System.Text.Json;
using GitLabConnector.Hosting;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting;

/// <summary>
/// The deployable zip is laid out the way the Functions host reads a custom handler app: host.json at the root,
/// <c>&lt;function&gt;/function.json</c> folders at the root, and the self-contained linux-x64 executable that
/// host.json names, still executable after unzipping. Nothing local or secret is shipped.
/// </summary>
public class PackageLayoutTests
{
    // Unix st_mode bits as ZipFile stores them in the upper 16 bits of an entry's external attributes.
    private const int RegularFile = 0x8000;
    private const int FileTypeMask = 0xF000;
    private const int ExecuteByAll = 0b001_001_001;

    [PackageFact]
    public void Host_json_sits_at_the_root_and_is_the_repository_one()
    {
        using var zip = OpenPackage();
        var entry = zip.GetEntry("host.json");
        Assert.NotNull(entry);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), ReadText(entry));
    }

    [PackageFact]
    public void Default_executable_exists_and_keeps_its_executable_bit()
    {
        using var zip = OpenPackage();
        var executable = zip.GetEntry(ExecutablePath(zip));
        Assert.NotNull(executable);

        var mode = (executable.ExternalAttributes >> 16) & 0xFFFF;
        Assert.True((mode & FileTypeMask) == RegularFile, $"{executable.FullName} is not stored as a regular Unix file (mode {Convert.ToString(mode, 8)})");
        Assert.True((mode & ExecuteByAll) == ExecuteByAll, $"{executable.FullName} is not executable (mode {Convert.ToString(mode, 8)})");
    }

    [PackageFact]
    public void Default_executable_is_a_linux_x64_program()
    {
        using var zip = OpenPackage();
        var executable = zip.GetEntry(ExecutablePath(zip));
        Assert.NotNull(executable);

        using var stream = executable.Open();
        var header = new byte[20];
        stream.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18)); // EM_X86_64
    }

    [PackageFact]
    public void Package_is_self_contained()
    {
        using var zip = OpenPackage();
        Assert.NotNull(zip.GetEntry("libcoreclr.so"));
        Assert.NotNull(zip.GetEntry("Microsoft.AspNetCore.dll"));
        var runtimeConfig = zip.GetEntry("GitLabConnector.runtimeconfig.json");
        Assert.NotNull(runtimeConfig);
        using var document = JsonDocument.Parse(ReadText(runtimeConfig));
        Assert.True(document.RootElement.GetProperty("runtimeOptions").TryGetProperty("includedFrameworks", out _), "runtimeconfig does not list included frameworks: not a self-contained publish");
    }

    [PackageFact]
    public void Every_catalog_function_has_its_function_json_at_the_root_and_nothing_else_does()
    {
        using var zip = OpenPackage();
        var folders = zip.Entries
            .Where(e => e.FullName.EndsWith("/function.json", StringComparison.Ordinal))
            .Select(e => e.FullName[..^"/function.json".Length])
            .Order(StringComparer.Ordinal);
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), folders);

        foreach (var function in FunctionCatalog.All)
        {
            var entry = zip.GetEntry($"{function.Name}/function.json");
            Assert.NotNull(entry);
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "functions", function.Name, "function.json")), ReadText(entry));
        }
    }

    [PackageFact]
    public void Ships_no_local_settings_or_secrets()
    {
        using var zip = OpenPackage();
        string[] forbiddenNames = ["local.settings.json", "local.settings.sample.json", "secrets.json", ".env", "appsettings.Development.json"];
        string[] forbiddenExtensions = [".pfx", ".p12", ".pem", ".key"];
        foreach (var entry in zip.Entries)
        {
            Assert.DoesNotContain(entry.Name, forbiddenNames);
            Assert.DoesNotContain(Path.GetExtension(entry.Name), forbiddenExtensions);
            Assert.False(entry.FullName.StartsWith(".data/", StringComparison.Ordinal) || entry.FullName.StartsWith("node_modules/", StringComparison.Ordinal), entry.FullName);
        }

        // Configuration that does ship must not carry credentials: no account keys, GitLab tokens or admin keys.
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal) && e.Length < 1024 * 1024))
        {
            var text = ReadText(entry);
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("glpat-", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AdminKey", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static ZipArchive OpenPackage() => ZipFile.OpenRead(PackageFactAttribute.PackagePath);

    /// <summary>host.json's <c>defaultExecutablePath</c>, resolved against its <c>workingDirectory</c> as the host does.</summary>
    private static string ExecutablePath(ZipArchive zip)
    {
        var hostJson = zip.GetEntry("host.json");
        Assert.NotNull(hostJson);
        using var document = JsonDocument.Parse(ReadText(hostJson));
        var description = document.RootElement.GetProperty("customHandler").GetProperty("description");
        var path = description.GetProperty("defaultExecutablePath").GetString();
        Assert.False(string.IsNullOrWhiteSpace(path));
        var workingDirectory = description.TryGetProperty("workingDirectory", out var wd) ? wd.GetString() : null;
        return string.IsNullOrEmpty(workingDirectory) ? path : $"{workingDirectory.TrimEnd('/')}/{path}";
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
