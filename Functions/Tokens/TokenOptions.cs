using System.ComponentModel.DataAnnotations;

namespace GitLabConnector.Tokens;

/// <summary>Settings under <c>Connector:Tokens</c>: the token lifecycle.</summary>
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
        var list = new List<int>();
        days = list;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d <= 0 || d > 3650)
            {
                return false;
            }

            list.Add(d);
        }

        days = list.Distinct().OrderDescending().ToList();
        return list.Count > 0;
    }
}
