using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Community;

/// <summary>Configuration section <c>Community</c>: the moderation policy and the limits of comments, reports and matching.</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    /// <summary>An account younger than this is new: its comments with links are held for review, and its limits are stricter.</summary>
    [Range(0, 24 * 365)]
    public int NewAccountHours { get; set; } = 24;

    /// <summary>Words or phrases (matched whole, ignoring case) that hold a comment for review.</summary>
    public List<string> HeldWords { get; set; } = [];

    /// <summary>Words or phrases that remove a comment at once (its author sees it as removed).</summary>
    public List<string> RemovedWords { get; set; } = [];

    /// <summary>Comments, replies and reviews per minute for one account.</summary>
    [Range(1, 10_000)]
    public int CommentsPerMinute { get; set; } = 6;

    /// <summary>The same for a new account.</summary>
    [Range(1, 10_000)]
    public int NewAccountCommentsPerMinute { get; set; } = 2;

    /// <summary>Comments per minute from one client address, whatever the account (throwaway accounts share an address).</summary>
    [Range(1, 100_000)]
    public int CommentsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Reports, reactions, follows and blocks per minute for one account.</summary>
    [Range(1, 10_000)]
    public int ActionsPerMinute { get; set; } = 60;

    /// <summary>A comment reported by this many different people is held until a moderator looks (0: never).</summary>
    [Range(0, 1000)]
    public int HoldAfterReports { get; set; } = 5;

    /// <summary>Titles two people must both have a signal for before they can be matched.</summary>
    [Range(1, 100)]
    public int MinimumOverlap { get; set; } = 3;

    /// <summary>
    /// How often an origin re-reads the opted-in people's ratings and completions for matching (when they moved). A
    /// re-read is every opted-in person's signals (seconds of CPU at 100,000 people), so not often; the asker's own
    /// signals are read fresh on every request and opting out counts at once, whatever this is.
    /// </summary>
    [Range(1, 86_400)]
    public int MatchRefreshSeconds { get; set; } = 300;
}
