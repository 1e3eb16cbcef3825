using GitLabConnector.Connections;

namespace GitLabConnector.Tokens;

public static class TokenAlerts
{
    public static TokenAlert Expiring(TokenStatus status, int threshold) => Create(
        TokenAlertKind.TokenExpiring,
        status,
        string.Create(CultureInfo.InvariantCulture, $"The GitLab token of connection '{status.ConnectionId}' expires on {status.ExpiresAt:yyyy-MM-dd} ({status.DaysLeft} day(s) left; warning threshold {threshold} days)."),
        "Create a new token in GitLab before this one expires. " + StoreAction(status.ConnectionId) + " Or enable Connector__Tokens__AutoRotate.") with { Threshold = threshold };

    public static TokenAlert ForState(TokenStatus status) => status.State switch
    {
        TokenStates.Expired => Create(
            TokenAlertKind.TokenExpired,
            status,
            string.Create(CultureInfo.InvariantCulture, $"The GitLab token of connection '{status.ConnectionId}' expired on {status.ExpiresAt:yyyy-MM-dd}; enrichment is failing and events are parked."),
            "Create a new token in GitLab. " + StoreAction(status.ConnectionId) + " Parked events are re-driven once the new token validates."),
        TokenStates.Revoked => Create(
            TokenAlertKind.TokenRevoked,
            status,
            $"GitLab reports the token of connection '{status.ConnectionId}' as revoked or inactive.",
            "Find out who revoked it (GitLab audit events) and create a new token. " + StoreAction(status.ConnectionId)),
        _ => Create(
            TokenAlertKind.TokenInvalid,
            status,
            status.SecretVersion is null
                ? $"Connection '{status.ConnectionId}' has no usable GitLab token in the secret store, or GitLab refused it (401)."
                : $"GitLab refused the token of connection '{status.ConnectionId}' (401): it is invalid, expired or revoked.",
            "Check the token in GitLab (it may have been revoked, or rotated elsewhere) and create a new one. " + StoreAction(status.ConnectionId)),
    };

    public static TokenAlert Rotated(TokenStatus status, bool automatic) => Create(
        TokenAlertKind.TokenRotated,
        status,
        automatic
            ? string.Create(CultureInfo.InvariantCulture, $"The GitLab token of connection '{status.ConnectionId}' was rotated automatically; the new token (secret version {status.SecretVersion}) expires on {status.ExpiresAt:yyyy-MM-dd}.")
            : string.Create(CultureInfo.InvariantCulture, $"A new GitLab token for connection '{status.ConnectionId}' (secret version {status.SecretVersion}) was picked up and validated; it expires on {status.ExpiresAt:yyyy-MM-dd}."),
        "None. Any older token value kept elsewhere no longer works" + (automatic ? " (GitLab revoked it on rotation)." : " if it was revoked in GitLab."));

    public static TokenAlert RotationFailed(TokenStatus status, string reason) => Create(
        TokenAlertKind.RotationFailed,
        status,
        $"Automatic rotation of the GitLab token of connection '{status.ConnectionId}' failed or its outcome is unknown ({reason}). The connector will not try to rotate this token again: a second rotation of an already-rotated token makes GitLab revoke the whole token family.",
        "Check the token in GitLab (Access tokens page). If the rotation revoked it, create a new token; if it is still active you may keep it. " + StoreAction(status.ConnectionId) + " A new secret version clears this state.");

    public static TokenAlert NotPersisted(TokenStatus status, string instance, DateOnly? newExpiresAt) => Create(
        TokenAlertKind.RotatedTokenNotPersisted,
        status,
        $"The GitLab token of connection '{status.ConnectionId}' was rotated, but the new token could not be written to the secret store. GitLab has revoked the old token; the new one is held only in the memory of instance '{instance}', which retries writing it at every token-monitor run until it restarts.",
        "Fix access to the secret store (Key Vault permissions, network, firewall) so the next run can save it; do not restart that instance meanwhile. If it restarts first, the new token is lost: revoke it in GitLab, create a new token. " + StoreAction(status.ConnectionId)) with { ExpiresAt = newExpiresAt ?? status.ExpiresAt };

    private static TokenAlert Create(TokenAlertKind kind, TokenStatus status, string message, string action) => new()
    {
        Kind = kind,
        ConnectionId = status.ConnectionId,
        State = status.State,
        DaysLeft = status.DaysLeft,
        ExpiresAt = status.ExpiresAt,
        Message = message,
        Action = action,
    };

    private static string StoreAction(string connectionId) =>
        $"Store it as a new version of Key Vault secret '{SecretNames.Token(connectionId)}' or with PUT /api/connections/{connectionId}/token with body {{\"token\":\"…\"}}; the connector picks it up at its next token-monitor run.";
}
