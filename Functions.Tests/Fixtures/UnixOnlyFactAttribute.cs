namespace GitLabConnector.Tests.Fixtures;

/// <summary>A fact about Unix behaviour (file modes); skipped on Windows.</summary>
public sealed class UnixOnlyFactAttribute : FactAttribute
{
    public UnixOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
