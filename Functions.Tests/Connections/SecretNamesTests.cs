using GitLabConnector.Connections;

namespace GitLabConnector.Tests.Connections;

public class SecretNamesTests
{
    [Fact]
    public void Derives_key_vault_names_per_connection()
    {
        Assert.Equal("gitlab-c0ffee-1-token", SecretNames.Token("c0ffee-1"));
        Assert.Equal("gitlab-c0ffee-1-webhook-secret", SecretNames.WebhookSecret("c0ffee-1"));
        Assert.Equal("gitlab-c0ffee-1-signing-secret", SecretNames.SigningSecret("c0ffee-1"));
    }

    [Fact]
    public void Accepts_a_64_character_id()
    {
        var id = new string('a', 64);

        Assert.Equal($"gitlab-{id}-webhook-secret", SecretNames.WebhookSecret(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    [InlineData("slash/../x")]
    [InlineData("space d")]
    [InlineData("ünïcode")]
    public void Rejects_ids_outside_the_key_vault_alphabet(string id)
    {
        Assert.Throws<ArgumentException>(() => SecretNames.Token(id));
        Assert.Throws<ArgumentException>(() => SecretNames.WebhookSecret(id));
        Assert.Throws<ArgumentException>(() => SecretNames.SigningSecret(id));
        Assert.False(ConnectionId.IsValid(id));
    }

    [Fact]
    public void Rejects_a_65_character_id_and_null()
    {
        Assert.Throws<ArgumentException>(() => SecretNames.Token(new string('a', 65)));
        Assert.Throws<ArgumentException>(() => SecretNames.Token(null!));
    }
}
