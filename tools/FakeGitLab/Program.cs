using System.Globalization;
using System.Text.Json.Nodes;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

// A local stand-in for GitLab so the README walkthrough runs without a GitLab account: the same fake the tests use,
// on a fixed port, seeded with a token and the resources the samples/ deliveries refer to.
var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8929;
const string Token = "local-walkthrough-token";

await using var gitlab = await FakeGitLabServer.StartAsync(port: port);
gitlab.State.AddPersonalToken(Token, 1, "root", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)), "read_api", "api");
gitlab.State.AddUser(1, "root");
gitlab.State.AddProject(1, new JsonObject { ["id"] = 1, ["path_with_namespace"] = "gitlabhq/gitlab-test", ["web_url"] = "http://example.com/gitlabhq/gitlab-test" });
gitlab.State.AddMergeRequest(1, 1, new JsonObject { ["iid"] = 1, ["project_id"] = 1, ["title"] = "MS-Viewport", ["state"] = "opened", ["changes_count"] = "3" });
gitlab.State.SetMergeRequestApprovals(1, 1, new JsonObject { ["approved_by"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["id"] = 6, ["username"] = "user1", ["name"] = "User1" } }) });
gitlab.State.SetMergeRequestDiscussions(1, 1, [new JsonObject { ["id"] = "d1", ["notes"] = new JsonArray(new JsonObject { ["id"] = 1, ["resolvable"] = true, ["resolved"] = true }) }]);
gitlab.State.SetMergeRequestCommits(1, 1, [new JsonObject { ["id"] = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", ["title"] = "Add MS-Viewport" }]);
gitlab.State.AddUser(51, "user51");

Console.WriteLine($"Fake GitLab listening on {gitlab.BaseUrl} (token: {Token}). Ctrl+C to stop.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
