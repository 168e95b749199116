namespace Marquee.Origin.Parties;

/// <summary>A party as its members and invitees see it. <see cref="You"/> is the caller's own standing (null in broadcasts).</summary>
public sealed record PartyView(
    string Id,
    string InviteUrl,
    DateTimeOffset ExpiresAt,
    int MaxMembers,
    PartyPlayableView Playable,
    PartyHostView Host,
    string Control,
    string ControllerId,
    bool WaitForAll,
    PartyStateView State,
    IReadOnlyList<MemberView> Members,
    PartyYouView? You);

public sealed record PartyHostView(string Name);

/// <summary>What plays: a movie, or an episode with its label ("S1 E2 · Name").</summary>
public sealed record PartyPlayableView(string Id, string TitleId, string Name, string? EpisodeLabel, double? DurationSeconds);

/// <summary>
/// The one playback state of the party: at server time <see cref="AtMs"/> (unix ms, often just ahead so everyone applies it
/// together) the position is <see cref="Position"/> seconds, and from then it runs at <see cref="Rate"/> while playing.
/// </summary>
public sealed record PartyStateView(int Version, string PlayableId, bool Playing, double Position, long AtMs, double Rate, long? WaitingUntilMs, string? ByMemberId)
{
    public static PartyStateView Of(Party party) => new(party.Version, party.PlayableId, party.Playing, party.PositionMs / 1000.0, party.AtMs, party.Rate,
        party.WaitingUntilMs, party.ByMemberId);
}

/// <summary>A member as others see them: a name they chose for their profile, never an account detail.</summary>
public sealed record MemberView(string MemberId, string Name, bool Host, bool Controller, string State, double? DriftMs);

/// <summary>Whether the caller may watch this party's title now, and why not.</summary>
public sealed record PartyYouView(string? MemberId, bool Allowed, int Status, string? Title, string? Detail);

public sealed record ChatMessageView(string Id, string MemberId, string Name, string Text, long AtMs);

public sealed record ReactionView(string MemberId, string Name, string Emoji, long AtMs);

/// <summary>Something to tell the party: joined, left, dropped, refused (with a reason that names no country or plan), control.</summary>
public sealed record NoticeView(string Kind, string? MemberId, string Name, string? Detail);

public sealed record JoinResult(bool Ok, int Status, string? Title, string? Detail, PartyView? Party, string? MemberId, long ServerNowMs, IReadOnlyList<ChatMessageView> Chat);

public sealed record PingReply(double ClientSendMs, long ServerReceiveMs, long ServerSendMs);

/// <summary>
/// A member's heartbeat: what its player is doing and where, the state version it has applied, its round trip to
/// the server and its own estimate of how far it is from the group (positive: ahead), when it has them.
/// </summary>
public sealed record MemberReport(string? State, double Position, int? Version, double? RttMs, double? DriftMs);

public sealed record ControlRequest(string? Mode, string? ControllerId);

public sealed record CreatePartyRequest(string? PlayableId);
