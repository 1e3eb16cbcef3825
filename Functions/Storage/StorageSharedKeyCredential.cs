using System.Security.Cryptography;
using System.Text;

namespace GitLabConnector.Storage;

/// <summary>An account name and key for SharedKey signing (used with Azurite; Azure accounts disable shared keys).</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The storage account key is not valid base64.", nameof(accountKey), ex);
        }
    }

    public string AccountName { get; }

    /// <summary>Base64(HMAC-SHA256(key, UTF-8(stringToSign))).</summary>
    public string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey({AccountName})";
}
