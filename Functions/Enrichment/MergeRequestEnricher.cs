using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>
/// <c>merge_request</c> subjects. GitLab reads, all in parallel: approvals and discussions always;
/// <c>GET merge_requests/:iid</c> only for what neither the payload nor a cache has (changes count for this head,
/// <c>merged_at</c> of a merged MR, reviewers, an unknown author); commits only for a head not seen before.
/// </summary>
public sealed class MergeRequestEnricher(IGitLabApi gitLab, UserDirectory users, TimeProvider time, IOptions<EnrichmentOptions> options) : ISubjectEnricher
{
    private readonly EnrichmentOptions _options = options.Value;

    // Code-derived facts (changed files, commits) change only with the head commit or target branch, so later events
    // for the same head (approvals, resolved threads, label edits) need not ask again.
    private readonly BoundedTtlCache<FactsKey, MergeRequestFacts> _facts = new(time, options.Value.MergeRequestFactsTtl, options.Value.MergeRequestFactsCacheSize);

    public IReadOnlyCollection<string> Kinds => ["merge_request"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes") ?? default;
        var projectId = scope.Project?.Id ?? attributes.Long("target_project_id");
        var iid = attributes.Long("iid");
        var headSha = attributes.Object("last_commit")?.String("id");
        var targetBranch = attributes.String("target_branch");
        var state = attributes.String("state");
        var authorId = attributes.Long("author_id");
        var payloadReviewers = payload.Array("reviewers");
        var reviewerIds = attributes.Longs("reviewer_ids");
        var payloadMergedAt = attributes.Timestamp("merged_at");

        var authorIsActor = authorId is not null && scope.Actor?.Id == authorId;
        var authorKnown = authorId is null || authorIsActor || users.IsKnown(scope.ConnectionId, authorId.Value);
        var reviewersKnown = payloadReviewers is not null || reviewerIds.All(id => users.IsKnown(scope.ConnectionId, id));
        var mergedAtKnown = payloadMergedAt is not null || state != "merged";

        JsonElement? mergeRequest = null;
        JsonElement? approvals = null;
        IReadOnlyList<JsonElement>? discussions = null;
        MergeRequestFacts? facts = null;
        if (projectId is { } p && iid is { } i)
        {
            var factsKey = headSha is null ? null : new FactsKey(scope.ConnectionId, p, i, headSha, targetBranch);
            facts = factsKey is not null && _facts.TryGet(factsKey, out var known) ? known : null;
            var path = EventEnricher.ResourcePath(p, $"merge_requests/{i}");
            var needMergeRequest = facts?.ChangesCount is null || !mergedAtKnown || !reviewersKnown || !authorKnown;
            var mergeRequestTask = needMergeRequest
                ? scope.TryReadAsync(path, ct => gitLab.GetMergeRequestAsync(scope.GitLab, p, i, ct), cancellationToken)
                : Task.FromResult<JsonElement?>(null);
            var approvalsTask = scope.TryReadAsync(path + "/approvals", ct => gitLab.GetMergeRequestApprovalsAsync(scope.GitLab, p, i, ct), cancellationToken);
            var discussionsTask = scope.TryReadAsync(path + "/discussions", ct => gitLab.GetMergeRequestDiscussionsAsync(scope.GitLab, p, i, _options.MaxDiscussions, ct), cancellationToken);
            var commitsTask = facts?.CommitsCount is null
                ? scope.TryReadAsync(path + "/commits", ct => gitLab.GetMergeRequestCommitsAsync(scope.GitLab, p, i, _options.MaxMergeRequestCommits, ct), cancellationToken)
                : Task.FromResult<IReadOnlyList<JsonElement>?>(null);

            await Task.WhenAll(mergeRequestTask, approvalsTask, discussionsTask, commitsTask).ConfigureAwait(false);
            mergeRequest = await mergeRequestTask.ConfigureAwait(false);
            approvals = await approvalsTask.ConfigureAwait(false);
            discussions = await discussionsTask.ConfigureAwait(false);
            var commits = await commitsTask.ConfigureAwait(false);

            var changesCount = facts?.ChangesCount ?? ParseChangesCount(mergeRequest?.String("changes_count"));
            var commitsCount = facts?.CommitsCount ?? commits?.Count;
            if (changesCount is not null || commitsCount is not null)
            {
                facts = new MergeRequestFacts(changesCount, commitsCount);
                if (factsKey is not null)
                {
                    _facts.Set(factsKey, facts);
                }
            }
        }

        var createdAt = attributes.Timestamp("created_at") ?? mergeRequest?.Timestamp("created_at");
        var mergedAt = payloadMergedAt ?? mergeRequest?.Timestamp("merged_at");

        var subject = new JsonObject
        {
            ["iid"] = iid,
            ["title"] = attributes.String("title"),
            ["state"] = state,
            ["action"] = attributes.String("action"),
            ["webUrl"] = attributes.String("url") ?? mergeRequest?.String("web_url"),
            ["sourceBranch"] = attributes.String("source_branch"),
            ["targetBranch"] = targetBranch,
            ["author"] = SubjectJson.User(await AuthorAsync(scope, authorId, authorIsActor, mergeRequest, cancellationToken).ConfigureAwait(false)),
            ["reviewers"] = SubjectJson.Users(await ReviewersAsync(scope, payloadReviewers, mergeRequest, reviewerIds, cancellationToken).ConfigureAwait(false)),
            ["approvedBy"] = approvals is { } a ? SubjectJson.Users(await ApproversAsync(scope, a, cancellationToken).ConfigureAwait(false)) : null,
            ["createdAt"] = SubjectJson.Timestamp(createdAt),
            ["mergedAt"] = SubjectJson.Timestamp(mergedAt),
            ["timeToMerge"] = createdAt is { } c && mergedAt is { } m ? (long)(m - c).TotalSeconds : null,
            ["changesCount"] = facts?.ChangesCount,
            ["commitsCount"] = facts?.CommitsCount,
            ["discussions"] = discussions is null ? null : DiscussionCounts(discussions),
        };

        return new SubjectEnrichment(subject, [attributes.String("source_branch"), attributes.String("title"), attributes.Object("last_commit")?.String("message")]);
    }

    /// <summary>GitLab sends <c>changes_count</c> as a string, <c>"1000+"</c> when it stops counting, empty right after creation.</summary>
    internal static int? ParseChangesCount(string? value) =>
        int.TryParse(value?.Trim().TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    internal static JsonObject DiscussionCounts(IReadOnlyList<JsonElement> discussions)
    {
        var resolvableNotesPerConversation = discussions
            .Select(discussion => discussion.Array("notes")?.EnumerateArray().ToList() ?? [])
            // System notes ("added 2 commits") come back as one-note discussions; they are not conversations.
            .Where(notes => notes.Count == 0 || !notes.All(n => n.Bool("system") == true))
            .Select(notes => notes.Where(n => n.Bool("resolvable") == true).ToList())
            .ToList();
        var resolvable = resolvableNotesPerConversation.Where(notes => notes.Count > 0).ToList();
        return new JsonObject
        {
            ["total"] = resolvableNotesPerConversation.Count,
            ["resolvable"] = resolvable.Count,
            ["resolved"] = resolvable.Count(notes => notes.All(n => n.Bool("resolved") == true)),
        };
    }

    private async Task<EnrichedUser?> AuthorAsync(EnrichmentScope scope, long? authorId, bool authorIsActor, JsonElement? mergeRequest, CancellationToken cancellationToken)
    {
        if (authorIsActor)
        {
            return scope.Actor;
        }

        if (mergeRequest?.Object("author") is { } author)
        {
            return await users.FromPayloadAsync(scope.ConnectionId, author, cancellationToken).ConfigureAwait(false);
        }

        return authorId is { } id ? await users.ResolveAsync(scope, id, cancellationToken).ConfigureAwait(false) : null;
    }

    private Task<IReadOnlyList<EnrichedUser>> ReviewersAsync(EnrichmentScope scope, JsonElement? payloadReviewers, JsonElement? mergeRequest, IReadOnlyList<long> reviewerIds, CancellationToken cancellationToken) =>
        (payloadReviewers ?? mergeRequest?.Array("reviewers")) is { } reviewers
            ? users.FromPayloadListAsync(scope.ConnectionId, reviewers.EnumerateArray(), cancellationToken)
            : users.ResolveAllAsync(scope, reviewerIds, cancellationToken);

    private Task<IReadOnlyList<EnrichedUser>> ApproversAsync(EnrichmentScope scope, JsonElement approvals, CancellationToken cancellationToken) =>
        users.FromPayloadListAsync(scope.ConnectionId, approvals.Array("approved_by")?.EnumerateArray().Select(a => a.Object("user")).OfType<JsonElement>() ?? [], cancellationToken);

    private sealed record FactsKey(string ConnectionId, long ProjectId, long Iid, string HeadSha, string? TargetBranch);

    private sealed record MergeRequestFacts(int? ChangesCount, int? CommitsCount);
}
