using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Failed jobs come from the payload's <c>builds</c>; only a payload without them costs <c>GET pipelines/:id/jobs</c>, and
/// only one without <c>queued_duration</c> (GitLab before it was added) costs <c>GET pipelines/:id</c>.
/// </summary>
public sealed class PipelineEnricher(IGitLabApi gitLab, IOptions<EnrichmentOptions> options) : ISubjectEnricher
{
    public IReadOnlyCollection<string> Kinds => ["pipeline"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes") ?? default;
        var pipelineId = attributes.Long("id");
        var projectId = scope.Project?.Id;
        var canCall = projectId is not null && pipelineId is not null;

        var jobsTask = payload.Array("builds") is { } builds
            ? Task.FromResult<IReadOnlyList<JsonElement>?>([.. builds.EnumerateArray()])
            : canCall
                ? scope.TryReadAsync(
                    EventEnricher.ResourcePath(projectId, $"pipelines/{pipelineId}/jobs"),
                    ct => gitLab.GetPipelineJobsAsync(scope.GitLab, projectId!.Value, pipelineId!.Value, "failed", options.Value.MaxFailedJobs, ct),
                    cancellationToken)
                : Task.FromResult<IReadOnlyList<JsonElement>?>(null);
        var pipelineTask = !attributes.Has("queued_duration") && canCall
            ? scope.TryReadAsync(
                EventEnricher.ResourcePath(projectId, $"pipelines/{pipelineId}"),
                ct => gitLab.GetPipelineAsync(scope.GitLab, projectId!.Value, pipelineId!.Value, ct),
                cancellationToken)
            : Task.FromResult<JsonElement?>(null);
        await Task.WhenAll(jobsTask, pipelineTask).ConfigureAwait(false);
        var jobs = await jobsTask.ConfigureAwait(false);
        var pipeline = await pipelineTask.ConfigureAwait(false);

        var subject = new JsonObject
        {
            ["id"] = pipelineId,
            ["status"] = attributes.String("status"),
            ["ref"] = attributes.String("ref"),
            ["sha"] = attributes.String("sha"),
            ["duration"] = attributes.Number("duration"),
            ["queuedDuration"] = attributes.Has("queued_duration") ? attributes.Number("queued_duration") : pipeline?.Number("queued_duration"),
            ["failedJobs"] = jobs is null
                ? null
                : new JsonArray([.. jobs
                    .Where(j => j.String("status") == "failed")
                    .Select(j => (JsonNode)new JsonObject { ["name"] = j.String("name"), ["stage"] = j.String("stage") })]),
        };

        var mergeRequest = payload.Object("merge_request");
        IReadOnlyList<string?> jiraSources =
        [
            attributes.Bool("tag") == true ? null : attributes.String("ref"),
            mergeRequest?.String("source_branch"),
            mergeRequest?.String("title"),
            payload.Object("commit")?.String("message"),
        ];
        return new SubjectEnrichment(subject, jiraSources);
    }
}
