using Marquee.Bench.Search.Dataset;

namespace Marquee.Bench.Search.Reference;

/// <summary>
/// User text as an FTS5 query: every word quoted (so nothing the user types is FTS syntax), the last one a prefix
/// (search as you type), all of them required.
/// </summary>
internal static class FtsMatch
{
    /// <summary><c>korvan dus</c> → <c>"korvan" AND "dus"*</c>; null when the text has no words.</summary>
    public static string? From(string text)
    {
        var words = Tokens.Split(text);
        if (words.Length == 0)
        {
            return null;
        }

        var quoted = words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToArray();
        quoted[^1] += "*";
        return string.Join(" AND ", quoted);
    }
}
