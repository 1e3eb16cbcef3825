using System.Security.Cryptography;

namespace GitLabConnector.Secrets;

/// <summary>
/// <see cref="ISecretStore"/> for standalone development: a JSON file, written atomically (temp file + rename),
/// readable by its owner only on Unix. Values are NOT encrypted — the constructor logs a warning saying so.
/// Safe for concurrent use within one process; separate processes sharing the file may lose each other's writes.
/// </summary>
public sealed class LocalFileSecretStore : ISecretStore, IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger<LocalFileSecretStore> _logger;

    public LocalFileSecretStore(IOptions<SecretStoreOptions> options, TimeProvider time, ILogger<LocalFileSecretStore> logger, IHostEnvironment? environment = null)
    {
        _time = time;
        _logger = logger;
        FilePath = Path.GetFullPath(options.Value.LocalSecretsPath, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
        SecretsLog.LocalSecretsUnencrypted(logger, FilePath);
    }

    public string FilePath { get; }

    public Task<StoredSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return LockedAsync(file => Task.FromResult(Find(file, name, version)?.ToStoredSecret(name)), cancellationToken);
    }

    public Task<StoredSecret> SetAsync(string name, string value, SecretWriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return LockedAsync(
            async file =>
            {
                var now = _time.GetUtcNow();
                var created = new LocalSecretVersion
                {
                    Version = RandomNumberGenerator.GetHexString(32, lowercase: true),
                    Value = value,
                    ContentType = options?.ContentType,
                    CreatedOn = now,
                    UpdatedOn = now,
                    ExpiresOn = options?.ExpiresOn,
                    Tags = options?.Tags is null ? new(StringComparer.Ordinal) : new(options.Tags, StringComparer.Ordinal),
                };
                file.Secrets.TryAdd(name, []);
                file.Secrets[name].Add(created);
                await WriteAsync(file, cancellationToken).ConfigureAwait(false);
                return created.ToStoredSecret(name);
            },
            cancellationToken);
    }

    public Task UpdatePropertiesAsync(string name, string version, DateTimeOffset? expiresOn, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        return LockedAsync(
            async file =>
            {
                var found = Find(file, name, version) ?? throw new KeyNotFoundException($"Secret '{name}' version '{version}' does not exist.");

                // Same semantics as Key Vault's PATCH: absent (null) fields stay as they are; given tags replace the old set.
                found.ExpiresOn = expiresOn ?? found.ExpiresOn;
                found.Tags = tags is null ? found.Tags : new Dictionary<string, string>(tags, StringComparer.Ordinal);
                found.UpdatedOn = _time.GetUtcNow();
                await WriteAsync(file, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return LockedAsync(
            async file =>
            {
                var existed = file.Secrets.Remove(name);
                if (existed)
                {
                    await WriteAsync(file, cancellationToken).ConfigureAwait(false);
                }

                SecretsLog.SecretDeleted(_logger, name, existed);
                return existed;
            },
            cancellationToken);
    }

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await LockedAsync(_ => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreUnavailableException)
        {
            return false;
        }
    }

    public void Dispose() => _gate.Dispose();

    private static LocalSecretVersion? Find(LocalSecretsFile file, string name, string? version)
    {
        if (!file.Secrets.TryGetValue(name, out var versions) || versions.Count == 0)
        {
            return null;
        }

        return version is null ? versions[^1] : versions.Find(v => string.Equals(v.Version, version, StringComparison.Ordinal));
    }

    /// <summary>Reads the file and hands it to <paramref name="use"/>, one caller at a time.</summary>
    private async Task<T> LockedAsync<T>(Func<LocalSecretsFile, Task<T>> use, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await use(await ReadAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LocalSecretsFile> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(FilePath))
            {
                return new LocalSecretsFile();
            }

            // A file written by an older version (or copied in by hand) may be readable by others; it holds tokens.
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(FilePath) & ~OwnerReadWrite) != 0)
            {
                File.SetUnixFileMode(FilePath, OwnerReadWrite);
            }

            var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, LocalSecretsFileJsonContext.Default.LocalSecretsFile, cancellationToken).ConfigureAwait(false)
                    ?? new LocalSecretsFile();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw Unavailable(e);
        }
    }

    private async Task WriteAsync(LocalSecretsFile file, CancellationToken cancellationToken)
    {
        var temp = $"{FilePath}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
            var directory = Path.GetDirectoryName(FilePath)!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerDirectory);
                options.UnixCreateMode = OwnerReadWrite;
            }

            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, file, LocalSecretsFileJsonContext.Default.LocalSecretsFile, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Unavailable(e);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temp file is harmless and holds nothing the real file does not.
        }
    }

    private SecretStoreUnavailableException Unavailable(Exception inner)
    {
        SecretsLog.LocalSecretsFileFailed(_logger, FilePath, inner);
        return new SecretStoreUnavailableException($"Local secrets file '{FilePath}' cannot be read or written.", inner) { Status = 0 };
    }
}
