namespace GitLabConnector.Tokens;

/// <summary>The alerts are raised once the status is stored.</summary>
public sealed record TokenEvaluation(TokenStatus Status, IReadOnlyList<TokenAlert> Alerts, bool NewVersionValidated);

/// <summary>
/// Turns what GitLab said about a token into its state (docs/tokens.md) and the alerts due; pure. Alerts are de-duplicated
/// through the status: one per warning threshold per expiry date, one per entry into expired/revoked/invalid.
/// </summary>
public static class TokenStateEvaluator
{
    public static TokenEvaluation Evaluate(TokenStatus previous, string? secretVersion, TokenProbeResult probe, DateTimeOffset now, IReadOnlyList<int> warningDays)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var newVersion = secretVersion is not null && !string.Equals(secretVersion, previous.SecretVersion, StringComparison.Ordinal);
        var status = previous with { LastCheckedAt = now, RotationStartedAt = null, RotationOwner = null, RotationFromVersion = null };

        if (probe.Outcome == TokenProbeOutcome.Unavailable && newVersion)
        {
            // What we know (expiry, kind) is about the previous token: conclude nothing until the new one is validated.
            return new TokenEvaluation(status, [], false);
        }

        switch (probe.Outcome)
        {
            case TokenProbeOutcome.Valid:
                var info = probe.Info!;
                status = status with
                {
                    SecretVersion = secretVersion,
                    TokenId = info.Id,
                    Name = info.Name,
                    Scopes = info.Scopes,
                    ExpiresAt = info.ExpiresAt,
                    Kind = probe.Kind is { } k ? TokenKindNames.ToName(k.Kind) : status.Kind,
                    ResourceId = probe.Kind is { } r ? r.ResourceId : status.ResourceId,
                };
                break;
            case TokenProbeOutcome.Unauthorized when newVersion:
                // A new token GitLab refuses: nothing of the old token's facts applies to it.
                status = status with { SecretVersion = secretVersion, TokenId = null, Name = null, Scopes = [], ExpiresAt = null, Kind = null, ResourceId = null };
                break;
            case TokenProbeOutcome.Missing:
                status = status with { SecretVersion = null };
                break;
        }

        if (status.ExpiresAt != previous.ExpiresAt)
        {
            status = status with { LastAlertThreshold = null };
        }

        int? daysLeft = status.ExpiresAt is { } expiresAt ? expiresAt.DayNumber - today.DayNumber : null;
        var state = StateOf(previous, probe, daysLeft, newVersion, warningDays);
        status = status with { DaysLeft = daysLeft, State = state };

        var alerts = new List<TokenAlert>();
        if (newVersion && previous.SecretVersion is not null && probe.Outcome == TokenProbeOutcome.Valid && state == TokenStates.Rotated)
        {
            alerts.Add(TokenAlerts.Rotated(status, automatic: false));
        }

        if (TokenStates.IsUsable(state) && daysLeft is > 0 and var left)
        {
            var crossed = warningDays.Where(t => left <= t).DefaultIfEmpty(0).Min();
            if (crossed > 0 && (status.LastAlertThreshold is null || crossed < status.LastAlertThreshold))
            {
                status = status with { LastAlertThreshold = crossed };
                alerts.Add(TokenAlerts.Expiring(status, crossed));
            }
        }

        if (state is TokenStates.Expired or TokenStates.Revoked or TokenStates.Invalid)
        {
            if (previous.LastAlertState != state)
            {
                alerts.Add(TokenAlerts.ForState(status));
            }

            status = status with { LastAlertState = state };
        }
        else if (state != TokenStates.RotationFailed)
        {
            // Healthy again: entering a bad state later alerts again.
            status = status with { LastAlertState = null };
        }

        return new TokenEvaluation(status, alerts, newVersion && probe.Outcome == TokenProbeOutcome.Valid);
    }

    private static string StateOf(TokenStatus previous, TokenProbeResult probe, int? daysLeft, bool newVersion, IReadOnlyList<int> warningDays)
    {
        var expired = daysLeft is <= 0;
        return probe.Outcome switch
        {
            TokenProbeOutcome.Valid when probe.Info!.Revoked => TokenStates.Revoked,
            TokenProbeOutcome.Valid when expired => TokenStates.Expired,
            TokenProbeOutcome.Valid when !probe.Info!.Active => TokenStates.Revoked,
            TokenProbeOutcome.Unauthorized or TokenProbeOutcome.Missing => expired && !newVersion ? TokenStates.Expired : TokenStates.Invalid,
            TokenProbeOutcome.Unavailable when expired => TokenStates.Expired,
            TokenProbeOutcome.Unavailable when previous.State is TokenStates.Revoked or TokenStates.Invalid or TokenStates.Expired => previous.State,
            TokenProbeOutcome.Valid when newVersion && previous.SecretVersion is not null => TokenStates.Rotated,

            // Sticky until a new secret version appears: a failed rotation needs the operator.
            _ when !newVersion && previous.State == TokenStates.RotationFailed => TokenStates.RotationFailed,
            _ => daysLeft <= warningDays.DefaultIfEmpty(0).Max() ? TokenStates.Expiring : TokenStates.Ok,
        };
    }
}
