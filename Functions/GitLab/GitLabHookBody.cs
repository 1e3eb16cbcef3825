using GitLabConnector.GitLabEvents;

namespace GitLabConnector.GitLab;

/// <summary>
/// The body of a hook create/update: every flag the owner supports, unrequested ones <c>false</c> (GitLab defaults
/// <c>push_events</c> to true), and the secret token every time (changing the URL resets it).
/// </summary>
internal static class GitLabHookBody
{
    public static JsonObject Build(GitLabHookOwner owner, GitLabHookRequest hook)
    {
        var supported = owner == GitLabHookOwner.Group ? GitLabEventFlags.All : GitLabEventFlags.Project.ToList();
        if (hook.EventFlags.FirstOrDefault(flag => !supported.Contains(flag, StringComparer.Ordinal)) is { } unsupported)
        {
            throw new ArgumentException($"'{unsupported}' is not an event flag of {owner.ToString().ToLowerInvariant()} hooks", nameof(hook));
        }

        var body = new JsonObject
        {
            ["url"] = hook.Url.AbsoluteUri,
            ["token"] = hook.SecretToken,
            ["enable_ssl_verification"] = hook.EnableSslVerification,
        };
        if (!string.IsNullOrEmpty(hook.SigningToken))
        {
            body["signing_token"] = hook.SigningToken;
        }

        foreach (var flag in supported)
        {
            body[flag] = hook.EventFlags.Contains(flag, StringComparer.Ordinal);
        }

        return body;
    }
}
