using System.Text.Json;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>GitLab's documented example payloads (copied into the repo) and the X-Gitlab-Event each is sent with.</summary>
public static class PayloadFixtures
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Events = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "payload-events.json")))!);

    /// <summary>Relative file name → X-Gitlab-Event.</summary>
    public static IReadOnlyDictionary<string, string> All => Events.Value;

    public static byte[] Read(string relativeName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Payloads", relativeName));

    public static TheoryData<string, string> AllAsTheory()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, eventName) in All)
        {
            data.Add(file, eventName);
        }

        return data;
    }
}
