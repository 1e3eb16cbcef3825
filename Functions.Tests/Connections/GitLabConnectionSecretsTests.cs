using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Connections;

public sealed class GitLabConnectionSecretsTests
{
    private static readonly ConnectionRecord Record = new() { Id = "conn-ca", Name = "Self-managed", GitLabUrl = new Uri("https://gitlab.internal.example") };

    [Fact]
    public async Task A_connection_without_a_ca_trusts_the_public_roots_and_reads_no_secret()
    {
        var secrets = new InMemorySecretStore();

        var connection = await secrets.GitLabConnectionAsync(Record, "glpat-x", CancellationToken.None);

        Assert.Equal((Record.Id, Record.GitLabUrl, "glpat-x", (string?)null), (connection.ConnectionId, connection.BaseUrl, connection.Token, connection.CaCertificate));
        Assert.Empty(secrets.Operations);
    }

    [Fact]
    public async Task A_connection_carries_the_ca_version_its_record_pins_not_a_newer_one()
    {
        var secrets = new InMemorySecretStore();
        var pinned = await secrets.SetAsync(SecretNames.CaCertificate(Record.Id), "PEM one", null, CancellationToken.None);
        await secrets.SetAsync(SecretNames.CaCertificate(Record.Id), "PEM two", null, CancellationToken.None);

        var connection = await secrets.GitLabConnectionAsync(Record with { CaCertificateVersion = pinned.Version }, "glpat-x", CancellationToken.None);

        Assert.Equal("PEM one", connection.CaCertificate);
    }

    [Fact]
    public async Task A_pinned_ca_that_cannot_be_read_fails_naming_its_version_instead_of_trusting_the_public_roots()
    {
        var secrets = new InMemorySecretStore();

        var error = await Assert.ThrowsAsync<GitLabUntrustedCertificateException>(() =>
            secrets.GitLabConnectionAsync(Record with { CaCertificateVersion = "v-gone" }, "glpat-x", CancellationToken.None));

        Assert.Contains("v-gone", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }
}
