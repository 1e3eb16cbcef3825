using GitLabConnector.Connections;
using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Admin;

/// <summary>Field checks for <see cref="ConnectRequest"/> (URL and token are checked against the network separately).</summary>
public static class ConnectRequestValidator
{
    public const int MaxHookTargets = 50;

    public static ValidatedConnect Validate(ConnectRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body { name, gitlabUrl, token, events?, signing?, createHooks? } is required."];
            return new ValidatedConnect(errors, string.Empty, [], SigningMode.Off, [], []);
        }

        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            errors["name"] = ["Required: 1-100 characters, no control characters."];
        }

        if (string.IsNullOrWhiteSpace(request.GitLabUrl))
        {
            errors["gitlabUrl"] = ["Required: the GitLab instance URL, e.g. https://gitlab.example.com."];
        }

        if (TokenError(request.Token) is { } tokenError)
        {
            errors["token"] = [tokenError];
        }

        var requested = (request.Events ?? []).Select(e => (Name: e, Canonical: GitLabEventCatalog.Canonicalize(e?.Trim()))).ToList();
        string[] eventErrors = [.. requested.Select((e, i) => e.Canonical is null ? $"events[{i}]: unknown event '{AdminProblems.Shorten(e.Name)}'; use X-Gitlab-Event names such as \"Merge Request Hook\"." : null).OfType<string>()];
        if (eventErrors.Length > 0)
        {
            errors["events"] = eventErrors;
        }

        var signing = request.Signing?.Trim().ToLowerInvariant() switch
        {
            null or "off" => SigningMode.Off,
            "accept" => SigningMode.Accept,
            "require" => SigningMode.Require,
            _ => (SigningMode?)null,
        };
        if (signing is null)
        {
            errors["signing"] = ["Must be \"off\", \"accept\" or \"require\"."];
        }

        var projects = request.CreateHooks?.Projects ?? [];
        var groups = request.CreateHooks?.Groups ?? [];
        if (projects.Any(p => p <= 0) || groups.Any(g => g <= 0))
        {
            errors["createHooks"] = ["Project and group ids must be positive numbers."];
        }
        else if (projects.Count + groups.Count > MaxHookTargets)
        {
            errors["createHooks"] = [$"At most {MaxHookTargets} projects and groups in total."];
        }

        string[] events = [.. requested.Select(e => e.Canonical).OfType<string>().Distinct(StringComparer.Ordinal)];
        return new ValidatedConnect(errors, name, events, signing ?? SigningMode.Off, [.. projects.Distinct()], [.. groups.Distinct()]);
    }

    // The token travels in the PRIVATE-TOKEN header, so visible ASCII only: a pasted placeholder (glpat-…) or a smart
    // quote is refused here, naming the field, instead of failing every GitLab call.
    public static string? TokenError(string? token) =>
        string.IsNullOrEmpty(token) ? "Required: a GitLab access token."
        : token.Length > 1024 || token.Any(char.IsWhiteSpace) ? "Not a GitLab access token (whitespace or too long)."
        : !token.All(c => c is >= '!' and <= '~') ? "Not a GitLab access token: it holds a character that is not visible ASCII (a pasted placeholder such as 'glpat-…', or a typographic quote?)."
        : null;
}

public sealed record ValidatedConnect(
    IDictionary<string, string[]> Errors,
    string Name,
    IReadOnlyList<string> Events,
    SigningMode Signing,
    IReadOnlyList<long> Projects,
    IReadOnlyList<long> Groups)
{
    public bool IsValid => Errors.Count == 0;

    public bool CreatesHooks => Projects.Count + Groups.Count > 0;
}
