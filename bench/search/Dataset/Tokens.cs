namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// Text as words: lower case, split on everything that is not a letter or a digit, the way FTS5's unicode61
/// tokenizer and a standard analyzer both see it.
/// </summary>
internal static class Tokens
{
    public static string[] Split(string text) =>
        new string(text.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words of <paramref name="text"/> joined by single spaces: "The Korvan-Dust!" → "the korvan dust".</summary>
    public static string Normalize(string text) => string.Join(' ', Split(text));
}
