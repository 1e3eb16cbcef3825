using System.IO.Compression;
using System.Text.Json;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting;

/// <summary>
/// The deployable zip is the isolated worker's publish output as the Functions host reads it: host.json,
/// functions.metadata, extensions.json and worker.config.json at the root, and the self-contained linux-x64 worker that
/// worker.config.json names, still executable after unzipping. Nothing local or secret is shipped.
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
    public void Functions_metadata_is_the_built_one_and_no_function_json_is_shipped()
    {
        using var zip = OpenPackage();
        var metadata = zip.GetEntry("functions.metadata");
        Assert.NotNull(metadata);
        var names = Worker.FunctionsMetadata.Parse(ReadText(metadata)).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Worker.FunctionsMetadata.Parse(File.ReadAllText(Worker.WorkerBuildOutput.FunctionsMetadataPath)).Select(f => f.Name).Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain(zip.Entries, e => e.Name == "function.json");
    }

    [PackageFact]
    public void Extensions_json_registers_the_storage_queues_extension_for_the_host()
    {
        using var zip = OpenPackage();
        var extensions = zip.GetEntry("extensions.json");
        Assert.NotNull(extensions);
        Assert.Contains("AzureStorageQueues", ReadText(extensions), StringComparison.Ordinal);
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

    /// <summary>worker.config.json's <c>defaultExecutablePath</c>, relative to the package root (<c>{WorkerRoot}</c> is where the host unpacks it).</summary>
    private static string ExecutablePath(ZipArchive zip)
    {
        var workerConfig = zip.GetEntry("worker.config.json");
        Assert.NotNull(workerConfig);
        using var document = JsonDocument.Parse(ReadText(workerConfig));
        var description = document.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        var path = description.GetProperty("defaultExecutablePath").GetString();
        Assert.False(string.IsNullOrWhiteSpace(path));
        return path.Replace("{WorkerRoot}", string.Empty, StringComparison.Ordinal).TrimStart('/');
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
