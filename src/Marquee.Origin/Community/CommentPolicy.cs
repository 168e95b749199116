using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Community;

/// <summary>
/// The policy a comment meets on arrival (and after every edit): removed if it holds a removed word, held for a
/// moderator if it holds a held word or if a new account put a link in it (link spam comes from throwaway accounts),
/// else visible at once.
/// </summary>
internal sealed class CommentPolicy
{
    /// <summary>A URL, a www. address, or a bare domain with a common top-level name ("cheap-pills.shop").</summary>
    private static readonly Regex Link = new(
        @"(https?://|www\.)|\b[a-z0-9][a-z0-9-]*\.(com|net|org|io|ru|xyz|info|biz|co|me|app|link|ly|gg|tv|top|site|online|shop|click|live|store)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private readonly Regex? held;
    private readonly Regex? removed;

    public CommentPolicy(IOptions<CommunityOptions> options)
    {
        held = Words(options.Value.HeldWords);
        removed = Words(options.Value.RemovedWords);
    }

    public (CommentStatus Status, string? Reason) Judge(string body, bool newAccount)
    {
        if (removed?.Match(body) is { Success: true } r)
        {
            return (CommentStatus.Removed, $"removed word \"{r.Value}\"");
        }

        if (held?.Match(body) is { Success: true } h)
        {
            return (CommentStatus.Held, $"watched word \"{h.Value}\"");
        }

        return newAccount && HasLink(body) ? (CommentStatus.Held, "link from a new account") : (CommentStatus.Visible, null);
    }

    public static bool HasLink(string body) => Link.IsMatch(body);

    /// <summary>
    /// Whole words or phrases, ignoring case; no list, no regex. A word boundary is required only at ends that are word
    /// characters ("c++" ends in none). The non-backtracking engine takes no lookarounds, but keeps matching linear in
    /// the length of what people write.
    /// </summary>
    private static Regex? Words(IEnumerable<string> words)
    {
        var patterns = words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim())
            .Select(w => (IsWord(w[0]) ? @"\b" : "") + Regex.Escape(w) + (IsWord(w[^1]) ? @"\b" : ""))
            .ToList();
        return patterns.Count == 0
            ? null
            : new Regex(string.Join('|', patterns), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';
}
