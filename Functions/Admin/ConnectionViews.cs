using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Tokens;

namespace GitLabConnector.Admin;

/// <summary>Maps records and GitLab answers to the admin API's response shapes.</summary>
internal static class ConnectionViews
{
    public static string Url(Uri gitLabUrl) => gitLabUrl.ToString().TrimEnd('/');

    public static string Status(ConnectionStatus status) => status == ConnectionStatus.Active ? "active" : "disconnected";

    public static string Signing(SigningMode mode) => mode.ToString().ToLowerInvariant();

    public static HookView Hook(CreatedHook hook) => new(hook.Owner, hook.OwnerId, hook.HookId);

    public static string OwnerName(GitLabHookOwner owner) => owner == GitLabHookOwner.Group ? "group" : "project";

    public static GitLabHookOwner Owner(CreatedHook hook) =>
        string.Equals(hook.Owner, "group", StringComparison.OrdinalIgnoreCase) ? GitLabHookOwner.Group : GitLabHookOwner.Project;

    public static ConnectionView View(ConnectionRecord c, Uri webhookUrl, int? parked, TokenStatus? token, DateTimeOffset now) => new(
        c.Id,
        c.Name,
        Url(c.GitLabUrl),
        webhookUrl.ToString(),
        Status(c.Status),
        c.Events,
        Signing(c.Signing),
        c.Healthy && (token is null || TokenStates.IsUsable(token.State)),
        c.HealthReason ?? (token is null || TokenStates.IsUsable(token.State) ? null : $"the GitLab token is {token.State}: replace it with PUT /api/connections/{c.Id}/token"),
        [.. c.Hooks.Select(Hook)],
        c.CreatedAt,
        c.UpdatedAt,
        parked,
        token,
        c.PreviousSecretValidUntil is { } until && until > now ? until : null,
        c.CaCertificateVersion is not null);

    public static string TokenKind(GitLabTokenKind kind) => kind switch
    {
        GitLabTokenKind.Project => "project",
        GitLabTokenKind.Group => "group",
        _ => "personal",
    };

    public static TokenSummary Token(TokenValidation v) => new(
        v.Token!.Id,
        v.Token.Name,
        v.Token.Scopes,
        v.Token.ExpiresAt,
        TokenKind(v.Kind),
        new TokenUser(v.User!.Id, v.User.Username, v.User.Name, v.User.Bot));
}
