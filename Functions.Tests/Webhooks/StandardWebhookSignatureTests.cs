using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

public class StandardWebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"object_kind\":\"push\"}");
    private static readonly string Timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Verifies_a_signature_computed_as_the_spec_describes()
    {
        // HMAC-SHA256 over "{id}.{timestamp}.{body}", base64, prefixed v1,
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"msg_1.{Timestamp}.").Concat(Body).ToArray()));
        var result = StandardWebhookSignature.Verify("msg_1", Timestamp, "v1," + expected, Body, [Key], Now, TimeSpan.FromMinutes(5));
        Assert.Equal(AuthOutcome.Authenticated, result);
    }

    [Fact]
    public void Accepts_when_any_of_several_signatures_matches()
    {
        var good = StandardWebhookSignature.Sign("msg_1", Timestamp, Body, Key);
        var header = $"v1,{Convert.ToBase64String(new byte[32])} v2,abc {good}";
        Assert.Equal(AuthOutcome.Authenticated, StandardWebhookSignature.Verify("msg_1", Timestamp, header, Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Rejects_a_tampered_body()
    {
        var signature = StandardWebhookSignature.Sign("msg_1", Timestamp, Body, Key);
        var tampered = Encoding.UTF8.GetBytes("{\"object_kind\":\"pusH\"}");
        Assert.Equal(AuthOutcome.InvalidSignature, StandardWebhookSignature.Verify("msg_1", Timestamp, signature, tampered, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Rejects_a_different_webhook_id()
    {
        var signature = StandardWebhookSignature.Sign("msg_1", Timestamp, Body, Key);
        Assert.Equal(AuthOutcome.InvalidSignature, StandardWebhookSignature.Verify("msg_2", Timestamp, signature, Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Rejects_timestamps_outside_five_minutes(int offsetSeconds)
    {
        var ts = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);
        var signature = StandardWebhookSignature.Sign("msg_1", ts, Body, Key);
        Assert.Equal(AuthOutcome.StaleSignature, StandardWebhookSignature.Verify("msg_1", ts, signature, Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    public void Rejects_unparseable_timestamps(string ts)
    {
        Assert.Equal(AuthOutcome.StaleSignature, StandardWebhookSignature.Verify("msg_1", ts, "v1,AAAA", Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Reports_incomplete_headers()
    {
        Assert.Equal(AuthOutcome.MissingSignature, StandardWebhookSignature.Verify(null, Timestamp, "v1,x", Body, [Key], Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(AuthOutcome.MissingSignature, StandardWebhookSignature.Verify("id", null, "v1,x", Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verifies_with_a_previous_key_after_rotation()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var signature = StandardWebhookSignature.Sign("msg_1", Timestamp, Body, oldKey);
        Assert.Equal(AuthOutcome.Authenticated, StandardWebhookSignature.Verify("msg_1", Timestamp, signature, Body, [Key, oldKey], Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(AuthOutcome.InvalidSignature, StandardWebhookSignature.Verify("msg_1", Timestamp, signature, Body, [Key], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Decodes_whsec_tokens()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(key, WebhookSecretProvider.DecodeSigningKey("whsec_" + Convert.ToBase64String(key)));
        Assert.Empty(WebhookSecretProvider.DecodeSigningKey("whsec_not base64!"));
    }
}
