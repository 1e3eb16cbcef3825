using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GitLabConnector.GitLab;

/// <summary>A connection's private CA (PEM <c>CERTIFICATE</c> blocks) for a self-managed GitLab no public root vouches for.</summary>
public static class GitLabCaCertificate
{
    /// <summary>Key Vault takes secret values up to 25 KB; a CA bundle is a few KB.</summary>
    public const int MaxLength = 20_000;

    /// <summary>Why <paramref name="pem"/> cannot be a connection's CA, or null when it can.</summary>
    public static string? Error(string? pem, DateTimeOffset now)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            return Read(pem, certificates, now);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>
    /// Trusts only the bundle's self-signed CAs (the others are intermediates GitLab may not send). Revocation is not
    /// checked, as for public roots: a private CA rarely publishes a revocation list reachable from Azure.
    /// </summary>
    public static X509ChainPolicy TrustPolicy(string pem)
    {
        var certificates = new X509Certificate2Collection();
        if (Read(pem, certificates, now: null) is { } error)
        {
            throw new GitLabUntrustedCertificateException("The connection's caCertificate cannot be read: " + error);
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // server authentication
        policy.CustomTrustStore.AddRange(certificates.Where(IsSelfSigned).ToArray());
        policy.ExtraStore.AddRange(certificates.Where(certificate => !IsSelfSigned(certificate)).ToArray());
        return policy;
    }

    private static string? Read(string? pem, X509Certificate2Collection certificates, DateTimeOffset? now)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return "Empty: the PEM of the CA that issued GitLab's certificate (-----BEGIN CERTIFICATE-----) is expected.";
        }

        if (pem.Length > MaxLength)
        {
            return $"Too long: at most {MaxLength} characters (the CA's own certificate, not a whole trust store).";
        }

        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                return "Holds a private key: give only the CA's certificate, never a key.";
            }

            if (!label.SequenceEqual("CERTIFICATE"))
            {
                return $"Holds a '{label}' block: only CERTIFICATE blocks are accepted.";
            }

            try
            {
                certificates.Add(X509Certificate2.CreateFromPem(rest[fields.Location]));
            }
            catch (CryptographicException)
            {
                return "Not a readable X.509 certificate.";
            }

            rest = rest[fields.Location.End.Value..];
        }

        if (certificates.Count == 0)
        {
            return "Not PEM: no -----BEGIN CERTIFICATE----- block was found.";
        }

        foreach (var certificate in certificates)
        {
            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                return $"'{certificate.Subject}' is not a CA certificate: give the CA that issued GitLab's certificate, not GitLab's own certificate.";
            }

            if (now is { } at && (at < certificate.NotBefore.ToUniversalTime() || at > certificate.NotAfter.ToUniversalTime()))
            {
                return $"'{certificate.Subject}' is not valid now: it is valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}.";
            }
        }

        return certificates.Any(IsSelfSigned) ? null : "Holds no root: include the self-signed root CA GitLab's certificate chains to (an intermediate alone cannot be trusted).";
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
