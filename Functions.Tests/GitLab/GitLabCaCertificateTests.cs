using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.GitLab;

public sealed class GitLabCaCertificateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void A_ca_certificate_is_accepted()
    {
        using var ca = TestCertificateAuthority.Create();

        Assert.Null(GitLabCaCertificate.Error(ca.Pem, Now));
    }

    [Fact]
    public void A_bundle_of_self_signed_cas_is_accepted_with_each_as_a_trust_anchor()
    {
        using var first = TestCertificateAuthority.Create("First Root");
        using var second = TestCertificateAuthority.Create("Second Root");

        var policy = GitLabCaCertificate.TrustPolicy(first.Pem + "\n" + second.Pem);

        Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
        Assert.Equal(2, policy.CustomTrustStore.Count);
        Assert.Empty(policy.ExtraStore);
        Assert.Null(GitLabCaCertificate.Error(first.Pem + "\n" + second.Pem, Now));
    }

    [Fact]
    public void An_intermediate_without_its_root_is_refused_naming_the_root()
    {
        using var root = TestCertificateAuthority.Create("Root");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Intermediate", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediate = request.Create(root.Certificate, Now.AddDays(-1), Now.AddDays(30), RandomNumberGenerator.GetBytes(16));

        Assert.Contains("root", GitLabCaCertificate.Error(intermediate.ExportCertificatePem(), Now), StringComparison.Ordinal);
        Assert.Null(GitLabCaCertificate.Error(intermediate.ExportCertificatePem() + "\n" + root.Pem, Now));
    }

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("   ", "Empty")]
    [InlineData("not a certificate", "Not PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "Not a readable")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "only CERTIFICATE blocks")]
    public void Unusable_text_is_refused_with_a_reason(string pem, string reason)
    {
        Assert.Contains(reason, GitLabCaCertificate.Error(pem, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_is_refused()
    {
        using var ca = TestCertificateAuthority.Create();
        var withKey = ca.Pem + "\n" + ca.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

        Assert.Contains("private key", GitLabCaCertificate.Error(withKey, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void GitLabs_own_certificate_is_not_a_ca()
    {
        using var ca = TestCertificateAuthority.Create();
        using var leaf = ca.IssueServerCertificate();

        Assert.Contains("not a CA certificate", GitLabCaCertificate.Error(leaf.ExportCertificatePem(), Now), StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_ca_is_refused()
    {
        using var ca = TestCertificateAuthority.Create(notBefore: Now.AddYears(-2), notAfter: Now.AddDays(-1));

        Assert.Contains("not valid now", GitLabCaCertificate.Error(ca.Pem, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_longer_than_a_secret_may_be_is_refused()
    {
        using var ca = TestCertificateAuthority.Create();

        Assert.Contains("Too long", GitLabCaCertificate.Error(string.Concat(Enumerable.Repeat(ca.Pem, 50)), Now), StringComparison.Ordinal);
    }

    [Fact]
    public void The_trust_policy_checks_server_authentication_without_revocation_lists()
    {
        using var ca = TestCertificateAuthority.Create();

        var policy = GitLabCaCertificate.TrustPolicy(ca.Pem);

        Assert.Equal(X509RevocationMode.NoCheck, policy.RevocationMode);
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(policy.ApplicationPolicy.Cast<Oid>()).Value);
        Assert.Equal(ca.Certificate.Thumbprint, Assert.Single(policy.CustomTrustStore).Thumbprint);
        Assert.Equal(X509VerificationFlags.NoFlag, policy.VerificationFlags);
    }

    [Fact]
    public void Certificate_checks_are_never_turned_off_in_the_app()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, s => s.Contains("DangerousAcceptAnyServerCertificateValidator", StringComparison.Ordinal)
            || s.Contains("ServerCertificateCustomValidationCallback", StringComparison.Ordinal)
            || s.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal));
    }
}
