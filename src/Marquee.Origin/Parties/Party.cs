namespace Marquee.Origin.Parties;

/// <summary>
/// A watch party: what it plays and the one playback state every member follows. The state is a position at a server
/// time (<see cref="AtMs"/>, usually a moment in the future so every member can apply it together) and whether the
/// clock runs from there. <see cref="Version"/> guards every change, so two origins changing one party at once cannot
/// both win.
/// </summary>
public sealed class Party
{
    public required string Id { get; init; }

    public required string HostProfileId { get; init; }

    public required string HostUserId { get; init; }

    /// <summary>A movie's id or an episode's.</summary>
    public required string PlayableId { get; set; }

    /// <summary>The movie or series, for licences and maturity.</summary>
    public required string TitleId { get; set; }

    public long CreatedAtMs { get; init; }

    /// <summary>When the invite stops admitting people and the party ends.</summary>
    public long ExpiresAtMs { get; init; }

    public long? EndedAtMs { get; set; }

    public PartyControl Control { get; set; }

    /// <summary>The member who controls playback besides the host.</summary>
    public required string ControllerMemberId { get; set; }

    public bool WaitForAll { get; set; }

    public bool Playing { get; set; }

    public long PositionMs { get; set; }

    public long AtMs { get; set; }

    public double Rate { get; set; } = 1;

    /// <summary>While waiting for everyone to be ready before playing: when the wait gives up and plays anyway.</summary>
    public long? WaitingUntilMs { get; set; }

    public string? ByMemberId { get; set; }

    public int Version { get; set; }

    public bool IsOver(long nowMs) => EndedAtMs is not null || nowMs >= ExpiresAtMs;

    /// <summary>Where the group is at server time <paramref name="nowMs"/>.</summary>
    public double PositionAt(long nowMs) =>
        (PositionMs + (Playing && nowMs > AtMs ? (nowMs - AtMs) * Rate : 0)) / 1000.0;
}

public enum PartyControl
{
    /// <summary>The host and the member they passed control to.</summary>
    Host = 0,

    Everyone = 1,
}
