namespace GitLabConnector.Tests.Fixtures;

/// <summary>Waits for a condition that background work makes true; the generous limit only stops a hung test.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int limitSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
