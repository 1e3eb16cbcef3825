using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>
/// <c>PUT</c> and <c>DELETE /api/connections/{id}/ca-certificate</c>: the private CA a self-managed GitLab's certificate
/// chains to, for this connection's GitLab calls only. A new CA is tried first and refused only when GitLab's certificate is
/// untrusted: the token's own state is <c>POST /test</c>'s business, and a CA must be settable before a token works over it.
/// </summary>
public sealed class CaCertificateHandler(
    IConnectionStore store,
    ConnectionSecretWriter secretWriter,
    GitLabTokenValidator tokenValidator,
    ConnectionUpdater updater,
    TimeProvider time,
    IServiceProvider services,
    ILogger<CaCertificateHandler> logger)
{
    private const string Action = "set CA certificate";

    public async Task<Results<Ok<CaCertificateChanged>, ValidationProblem, ProblemHttpResult>> SetAsync(string id, HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var request = await AdminRequestBody.ReadOrRejectAsync(httpRequest, AdminJsonContext.Default.CaCertificateRequest, cancellationToken).ConfigureAwait(false);
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        var pem = request?.CaCertificate?.Trim();
        if (GitLabCaCertificate.Error(pem, time.GetUtcNow()) is { } error)
        {
            AdminLog.Rejected(logger, Action, id, "invalid caCertificate");
            return AdminProblems.Invalid(new Dictionary<string, string[]> { ["caCertificate"] = [error] });
        }

        if (await secretWriter.ReadGitLabConnectionAsync(record, cancellationToken).ConfigureAwait(false) is { } current)
        {
            var validation = await tokenValidator.ValidateAsync(current with { CaCertificate = pem }, needsApiScope: false, cancellationToken).ConfigureAwait(false);
            if (validation.Failure == TokenFailure.Untrusted)
            {
                AdminLog.Rejected(logger, Action, id, "GitLab's certificate does not chain to it");
                return AdminProblems.Token(validation);
            }
        }

        var stored = await secretWriter.WriteCaCertificateAsync(id, pem!, cancellationToken).ConfigureAwait(false);
        await updater.UpdateAsync(record, Action, r => r with { CaCertificateVersion = stored.Version }, cancellationToken).ConfigureAwait(false);
        AdminLog.CaCertificateChanged(logger, id, "set");

        // Events parked on an untrusted certificate (or a refused token) are tried again over the new CA.
        if (services.GetService<IParkedEvents>() is { } parked)
        {
            await parked.RedriveAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(new CaCertificateChanged(id, PrivateCa: true));
    }

    // Back to the public roots. The CA stays in the secret store, unused, until disconnect: Key Vault keeps a deleted
    // secret's name taken (soft delete), so deleting it here would make the next PUT fail.
    public async Task<Results<Ok<CaCertificateChanged>, ProblemHttpResult>> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var record = await store.RequireActiveAsync(id, cancellationToken).ConfigureAwait(false);
        await updater.UpdateAsync(record, "remove CA certificate", r => r with { CaCertificateVersion = null }, cancellationToken).ConfigureAwait(false);
        AdminLog.CaCertificateChanged(logger, id, "removed");
        return TypedResults.Ok(new CaCertificateChanged(id, PrivateCa: false));
    }
}
