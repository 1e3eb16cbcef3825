using System.Text;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Webhooks;

public class DeliveryValidatorTests
{
    public static TheoryData<string, string> DocumentedPayloads => PayloadFixtures.AllAsTheory();

    [Theory]
    [MemberData(nameof(DocumentedPayloads))]
    public void Accepts_every_documented_GitLab_payload(string file, string eventName)
    {
        var result = DeliveryValidator.Validate(eventName, PayloadFixtures.Read(file));

        Assert.True(result.IsValid, $"{file}: {result.Reason} {result.Detail}");
        Assert.Equal(eventName, result.EventName);
    }

    [Fact]
    public void Fixtures_cover_both_documentation_revisions_and_every_event_family()
    {
        Assert.True(PayloadFixtures.All.Count >= 60);
        foreach (var family in new[] { "Push Hook", "Merge Request Hook", "Note Hook", "Pipeline Hook", "Job Hook", "Member Hook", "Project Hook", "Subgroup Hook", "Resource Access Token Hook", "Resource Deploy Token Hook" })
        {
            Assert.Contains(family, PayloadFixtures.All.Values);
        }
    }

    [Fact]
    public void Job_hook_body_carries_object_kind_build()
    {
        var result = DeliveryValidator.Validate("Job Hook", PayloadFixtures.Read("job.json"));
        Assert.Equal("build", result.ObjectKind);
    }

    [Fact]
    public void Member_hook_body_has_no_object_kind()
    {
        var result = DeliveryValidator.Validate("Member Hook", PayloadFixtures.Read("member-add-to-group.json"));
        Assert.True(result.IsValid);
        Assert.Null(result.ObjectKind);
    }

    [Theory]
    [InlineData(null, "{}", "missing-event")]
    [InlineData("", "{}", "missing-event")]
    [InlineData("Bogus Hook", "{}", "unknown-event")]
    [InlineData("Push Hook", "", "empty-body")]
    [InlineData("Push Hook", "[1,2]", "not-an-object")]
    [InlineData("Push Hook", "\"text\"", "not-an-object")]
    [InlineData("Push Hook", "{\"object_kind\":", "invalid-json")]
    [InlineData("Push Hook", "{\"object_kind\":\"merge_request\"}", "kind-mismatch")]
    [InlineData("Push Hook", "{\"object_kind\":42}", "bad-object-kind")]
    [InlineData("Job Hook", "{\"object_kind\":\"job\"}", "kind-mismatch")]
    public void Rejects_with_a_named_reason(string? eventName, string body, string reason)
    {
        var result = DeliveryValidator.Validate(eventName, Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Reason);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Fact]
    public void Rejects_invalid_utf8()
    {
        var body = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };
        Assert.Equal("invalid-json", DeliveryValidator.Validate("Push Hook", body).Reason);
    }

    [Fact]
    public void Rejects_json_nested_deeper_than_64()
    {
        var body = new string('[', 65).Insert(0, "{\"a\":") + new string(']', 65) + "}";
        Assert.Equal("invalid-json", DeliveryValidator.Validate("Push Hook", Encoding.UTF8.GetBytes(body)).Reason);
    }

    [Theory]
    [InlineData("System Hook", "{\"object_kind\":\"push\"}")]
    [InlineData("System Hook", "{\"event_name\":\"project_create\"}")]
    [InlineData("Confidential Issue Hook", "{\"object_kind\":\"issue\"}")]
    [InlineData("Confidential Note Hook", "{\"object_kind\":\"note\"}")]
    [InlineData("Issue Hook", "{\"object_kind\":\"work_item\"}")]
    [InlineData("push hook", "{\"object_kind\":\"push\"}")]
    public void Accepts_variants_GitLab_sends(string eventName, string body)
    {
        Assert.True(DeliveryValidator.Validate(eventName, Encoding.UTF8.GetBytes(body)).IsValid);
    }
}
