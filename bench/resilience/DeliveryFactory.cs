using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

namespace GitLabConnector.Resilience;

/// <summary>
/// Builds deliveries from GitLab's documented example payloads. Pipeline events carry neither <c>builds</c> nor
/// <c>queued_duration</c>, so each costs two GitLab calls (the pipeline and its failed jobs), both registered in the
/// fake GitLab: every event exercises the GitLab client. Issue events carry a unique id and <c>updated_at</c>, so the
/// same change delivered by two hooks has one content key.
/// </summary>
public sealed class DeliveryFactory
{
    private static long _nextId = 100_000;
    private readonly FakeGitLabState _gitLab;
    private readonly JsonObject _pipeline;
    private readonly JsonObject _issue;
    private readonly long _projectId;

    public DeliveryFactory(FakeGitLabState gitLab)
    {
        _gitLab = gitLab;
        _pipeline = JsonNode.Parse(PayloadFixtures.Read("pipeline.json"))!.AsObject();
        _pipeline.Remove("builds");
        _pipeline["object_attributes"]!.AsObject().Remove("queued_duration");
        _issue = JsonNode.Parse(PayloadFixtures.Read("issue.json"))!.AsObject();
        _projectId = _pipeline["project"]!["id"]!.GetValue<long>();
    }

    /// <summary>A new pipeline event (unique pipeline id and event id) that the fake GitLab can enrich.</summary>
    public Delivery Pipeline()
    {
        var id = Interlocked.Increment(ref _nextId);
        _gitLab.AddPipeline(_projectId, id, new JsonObject { ["queued_duration"] = 3 });
        _gitLab.SetPipelineJobs(_projectId, id, [new JsonObject { ["id"] = id * 10, ["name"] = "test", ["stage"] = "test", ["status"] = "failed" }]);
        var payload = _pipeline.DeepClone().AsObject();
        payload["object_attributes"]!["id"] = id;
        var eventId = "pipe-" + id.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        return new Delivery(eventId, eventId, "Pipeline Hook", System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
    }

    /// <summary>
    /// A new issue change as delivered by the project hook, plus (<paramref name="viaGroupHook"/>) the same body as a
    /// group hook delivers it: another Idempotency-Key, same content.
    /// </summary>
    public IReadOnlyList<Delivery> IssueChange(bool viaGroupHook)
    {
        var id = Interlocked.Increment(ref _nextId);
        var payload = _issue.DeepClone().AsObject();
        var attributes = payload["object_attributes"]!.AsObject();
        attributes["id"] = id;
        attributes["iid"] = id;
        attributes["action"] = "update";
        attributes["updated_at"] = DateTimeOffset.UtcNow.AddTicks(id).ToString("O", CultureInfo.InvariantCulture);
        var body = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
        var change = "issue-" + id.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var project = new Delivery(change, change + "-project", "Issue Hook", body);
        return viaGroupHook ? [project, project with { EventId = change + "-group" }] : [project];
    }
}
