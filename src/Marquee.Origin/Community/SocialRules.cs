using System.Globalization;

namespace Marquee.Origin.Community;

/// <summary>What a handle, a name, a bio and a body may be; each check answers with the sentence a person reads, or null.</summary>
public static class SocialRules
{
    public const int MinHandle = 3;

    public const int MaxHandle = 30;

    public const int MaxDisplayName = 50;

    public const int MaxBio = 300;

    public const int MaxReportDetails = 500;

    public static string? HandleError(string? handle) => handle switch
    {
        null or "" => "handle is required: 3 to 30 letters, digits or underscores.",
        { Length: < MinHandle or > MaxHandle } => $"handle must be {MinHandle} to {MaxHandle} characters long.",
        _ when !handle.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') => "handle may contain only letters (a–z), digits and underscores.",
        _ when Reserved.Contains(handle) => $"the handle \"{handle}\" is reserved; choose another.",
        _ => null,
    };

    /// <summary>Handles that would read as the service speaking, or collide with the API's own paths (/people/similar).</summary>
    private static readonly HashSet<string> Reserved = new(
        ["similar", "me", "admin", "administrator", "moderator", "moderators", "marquee", "support", "staff", "system", "root", "null", "undefined"],
        StringComparer.OrdinalIgnoreCase);

    public static bool IsHandle(string? handle) => HandleError(handle) is null;

    /// <summary>Shaped like a handle (reserved ones included): worth looking up.</summary>
    public static bool LooksLikeHandle(string? handle) =>
        handle is { Length: >= MinHandle and <= MaxHandle } && handle.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static string Key(string handle) => handle.ToLowerInvariant();

    /// <summary>A short single-line text: at most <paramref name="max"/> characters, no control characters.</summary>
    public static string? LineError(string field, string? value, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{field} is required." : null;
        }

        if (TooLong(value, max))
        {
            return $"{field} must be at most {max} characters.";
        }

        return value.Any(char.IsControl) ? $"{field} must be one line of text without control characters." : null;
    }

    /// <summary>
    /// A body of text: not blank, at most <paramref name="max"/> characters (counted as a person counts them, so an emoji
    /// is one), lines and tabs allowed but no other control characters (PostgreSQL cannot store a NUL; the others
    /// only hide text).
    /// </summary>
    public static string? TextError(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required and cannot be blank.";
        }

        if (TooLong(value, max))
        {
            return $"{field} must be at most {max} characters ({Length(value)} given).";
        }

        return value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? $"{field} may contain text, new lines and tabs, but no other control characters."
            : null;
    }

    /// <summary>
    /// Longer than a reader's <paramref name="max"/> characters, or than four UTF-16 units each (one character can hide
    /// any number of combining marks; the columns are sized for four).
    /// </summary>
    private static bool TooLong(string value, int max) => value.Length > max * 4 || Length(value) > max;

    /// <summary>Characters as a reader counts them (user-perceived characters).</summary>
    public static int Length(string value) => new StringInfo(value).LengthInTextElements;
}
