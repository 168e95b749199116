using System.Globalization;
using System.Text.RegularExpressions;

namespace Marquee.Origin.Sharing;

/// <summary>A time in a shared link, as people write it: <c>90</c>, <c>90s</c>, <c>1m30s</c>, <c>1h2m3s</c> (the web app reads the same forms).</summary>
public static partial class StartTime
{
    /// <summary>Twelve hours: longer than any film, short enough that no number overflows.</summary>
    public const int MaxSeconds = 12 * 3600;

    public static bool TryParse(string? text, out int seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 16)
        {
            return false;
        }

        var match = Form().Match(text);
        if (!match.Success || (match.Groups[1].Length + match.Groups[2].Length + match.Groups[3].Length + match.Groups[4].Length) == 0)
        {
            return false;
        }

        long total = Part(match.Groups[1]) + (Part(match.Groups[2]) * 3600) + (Part(match.Groups[3]) * 60) + Part(match.Groups[4]);
        if (total > MaxSeconds)
        {
            return false;
        }

        seconds = (int)total;
        return true;
    }

    private static long Part(Group group) => group.Success && group.Length > 0 ? long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // Either plain seconds, or h/m/s parts in that order, each optional.
    [GeneratedRegex(@"^(?:(\d{1,5})|(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,5})s)?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Form();
}
