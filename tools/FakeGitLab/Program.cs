using System.Globalization;
using System.Runtime.InteropServices;
using GitLabConnector.Tests.Fixtures.FakeGitLab;

// A local stand-in for GitLab so the README walkthrough runs without a GitLab account: the same fake the tests use,
// on a fixed port, seeded with a token and the resources the samples/ deliveries refer to (the tests' own seed, so
// every sample is enriched with partial: false).
var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8929;
const string Token = "local-walkthrough-token";

await using var gitlab = await FakeGitLabServer.StartAsync(port: port);
var expiresAt = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(90));
gitlab.State.AddPersonalToken(Token, 1, "root", expiresAt, "read_api", "api");
FakeGitLabSamples.Seed(gitlab.State);
FakeGitLabSamples.SeedLists(gitlab.State);
Console.WriteLine($"Fake GitLab listening on {gitlab.BaseUrl} (token: {Token}). Ctrl+C or SIGTERM to stop.");

// Our own handlers: the fake's web host registers for these signals too, but only to stop itself, not this program.
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
