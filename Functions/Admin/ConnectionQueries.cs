using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Secrets;
using GitLabConnector.Tokens;

namespace GitLabConnector.Admin;

/// <summary><c>GET /api/connections</c>, <c>GET /api/connections/{id}</c> and <c>GET …/{id}/instructions</c>.</summary>
public sealed class ConnectionQueries(IConnectionStore store, ISecretStore secrets, WebhookUrls urls, TimeProvider time, IServiceProvider services)
{
    public async Task<Ok<ConnectionList>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var views = await records.OrderBy(r => r.CreatedAt).ToAsyncEnumerable().Select(ViewAsync).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ConnectionList(views));
    }

    public async Task<Results<Ok<ConnectionView>, ProblemHttpResult>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null ? AdminProblems.NotFound(id) : TypedResults.Ok(await ViewAsync(record, cancellationToken).ConfigureAwait(false));
    }

    public async Task<Results<Ok<WebhookInstructions>, ProblemHttpResult>> InstructionsAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var secret = record.WebhookSecretVersion is null ? null : await secrets.GetAsync(SecretNames.WebhookSecret(id), record.WebhookSecretVersion, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return AdminProblems.Create(StatusCodes.Status409Conflict, "secret-missing", "The connection's webhook secret is missing from the secret store; rotate it to issue a new one.");
        }

        var signing = record.Signing != SigningMode.Off && record.SigningSecretVersion is not null
            ? await secrets.GetAsync(SecretNames.SigningSecret(id), record.SigningSecretVersion, cancellationToken).ConfigureAwait(false)
            : null;
        return TypedResults.Ok(WebhookInstructionsBuilder.Build(record, urls.For(id), secret.Value, signing?.Value));
    }

    private async ValueTask<ConnectionView> ViewAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        var parked = services.GetService<IParkedEvents>() is { } parkedEvents
            ? await parkedEvents.CountAsync(record.Id, cancellationToken).ConfigureAwait(false)
            : (int?)null;
        var token = services.GetService<ITokenStatusStore>() is { } tokens
            ? await tokens.GetAsync(record.Id, cancellationToken).ConfigureAwait(false)
            : null;
        return ConnectionViews.View(record, urls.For(record.Id), parked, token, time.GetUtcNow());
    }
}
