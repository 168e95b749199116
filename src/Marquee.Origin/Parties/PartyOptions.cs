using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Parties;

/// <summary>Configuration section <c>Parties</c>.</summary>
public sealed class PartyOptions
{
    public const string Section = "Parties";

    /// <summary>People in one party at once, the host included.</summary>
    [Range(2, 100)]
    public int MaxMembers { get; set; } = 10;

    /// <summary>How long an invite admits people; the party ends then.</summary>
    [Range(1, 24 * 30)]
    public int InviteHours { get; set; } = 24;

    /// <summary>A member whose player has not reported for this long is dropped (its heartbeat is every second).</summary>
    [Range(3, 600)]
    public int MemberTimeoutSeconds { get; set; } = 10;

    /// <summary>How often a member's connection checks that its sign-in still stands (it authenticated once, at connect).</summary>
    [Range(1, 3_600)]
    public int SessionCheckSeconds { get; set; } = 30;

    /// <summary>Added to the slowest member's one-way latency when a command is scheduled, for jitter.</summary>
    [Range(0, 2_000)]
    public int ScheduleMarginMs { get; set; } = 40;

    /// <summary>With "wait for everyone" on, how long a play waits for the last member before starting anyway.</summary>
    [Range(1, 120)]
    public int WaitForAllSeconds { get; set; } = 10;

    /// <summary>Chat messages per minute for one profile, across origins.</summary>
    [Range(1, 10_000)]
    public int ChatPerMinute { get; set; } = 30;

    /// <summary>Play, pause, seek, rate, title changes and reactions per minute for one profile.</summary>
    [Range(1, 10_000)]
    public int ActionsPerMinute { get; set; } = 120;

    /// <summary>Parties one profile may start, and joins it may make, per minute.</summary>
    [Range(1, 10_000)]
    public int StartsPerMinute { get; set; } = 10;
}
