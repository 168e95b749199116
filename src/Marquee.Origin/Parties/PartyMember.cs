namespace Marquee.Origin.Parties;

/// <summary>
/// A profile in a party. <see cref="MemberId"/> is what other members see, never the account or profile id. The row
/// holds what every origin must know (the connection to reach, the country playback is checked for, the state shown
/// to others); what changes every second (position, drift) stays with the origin holding the connection.
/// </summary>
public sealed class PartyMember
{
    public required string MemberId { get; init; }

    public required string PartyId { get; init; }

    public required string ProfileId { get; init; }

    public required string UserId { get; init; }

    public required string Name { get; set; }

    /// <summary>Where the member was placed at join; title changes are checked for this country.</summary>
    public string? Country { get; set; }

    public bool Kids { get; set; }

    public string? ConnectionId { get; set; }

    public MemberState State { get; set; }

    public int? RttMs { get; set; }

    /// <summary>The party state version the member's player last said it applied; "ready" counts for that version only.</summary>
    public int AppliedVersion { get; set; }

    public long JoinedAtMs { get; set; }

    public long LastSeenMs { get; set; }

    public long? LeftAtMs { get; set; }
}

public enum MemberState
{
    Joining = 0,
    Ready = 1,
    Playing = 2,
    Paused = 3,
    Buffering = 4,
    CatchingUp = 5,
    Left = 6,
}
