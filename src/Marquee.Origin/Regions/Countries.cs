using System.Text.RegularExpressions;

namespace Marquee.Origin.Regions;

/// <summary>ISO 3166-1 alpha-2 codes as this service writes them: two ASCII letters, upper case.</summary>
public static partial class Countries
{
    public static bool IsCode(string? value) => value is not null && Code().IsMatch(value);

    /// <summary>The upper-case code, or null when <paramref name="value"/> is not two letters.</summary>
    public static string? Normalize(string? value) => IsCode(value?.Trim()) ? value!.Trim().ToUpperInvariant() : null;

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Code();
}
