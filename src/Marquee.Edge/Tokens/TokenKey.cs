namespace Marquee.Edge.Tokens;

/// <summary>One HMAC-SHA256 key that signs playback tokens; the id travels in every token so keys can rotate.</summary>
public sealed record TokenKey(string Id, byte[] Secret)
{
    public const int MinimumSecretBytes = 32;

    /// <summary>Key ids are short, URL-safe and never contain the token's separator.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 16 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}
