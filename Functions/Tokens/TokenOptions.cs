using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Connector:Tokens";

    [Required] public string Schedule { get; set; } = "0 0 */6 * * *";
    [Required] public string WarningDays { get; set; } = "30,14,7,3,1";
    public bool AutoRotate { get; set; }
    [Range(1, 365)] public int RotateWhenDaysLeft { get; set; } = 7;
    [Range(1, 400)] public int RotationLifetimeDays { get; set; } = 90;

    /// <summary>Parses <c>30,14,7,3,1</c> into distinct thresholds, largest first.</summary>
    public static bool TryParseWarningDays(string? value, out IReadOnlyList<int> days)
    {
        days = [];
        var parsed = new List<int>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 3650)
            {
                return false;
            }

            parsed.Add(day);
        }

        days = [.. parsed.Distinct().OrderDescending()];
        return parsed.Count > 0;
    }
}
