using System.Collections.Concurrent;

namespace Marquee.Origin.Parties;

/// <summary>
/// The members connected to this origin and what their players said last. A heartbeat a second from every member
/// would be a database write a second each; here it is a field update, and the database hears only of changes other
/// origins need (state, latency) and a sign of life every <see cref="PersistEvery"/>.
/// </summary>
public sealed class PartyPresence
{
    public static readonly TimeSpan PersistEvery = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Attendance> byConnection = new();

    /// <summary>Who controls each party, as this origin last read or wrote it (for members' events; the party event has the truth).</summary>
    private readonly ConcurrentDictionary<string, string> controllers = new();

    public Attendance Add(string connectionId, PartyMember member, bool host, Action abort, long nowMs)
    {
        var attendance = new Attendance(connectionId, member.PartyId, member.MemberId, member.ProfileId, member.Kids, abort)
        {
            Name = member.Name, Host = host, LastReportMs = nowMs, LastPersistMs = nowMs, LastSessionCheckMs = nowMs,
        };
        byConnection[connectionId] = attendance;
        return attendance;
    }

    public Attendance? Find(string connectionId) => byConnection.TryGetValue(connectionId, out var a) ? a : null;

    public Attendance? Remove(string connectionId) => byConnection.TryRemove(connectionId, out var a) ? a : null;

    public double? DriftOf(string? connectionId) => connectionId is not null && Find(connectionId) is { } a ? a.DriftMs : null;

    /// <summary>Connections whose player has been silent since <paramref name="beforeMs"/>.</summary>
    public List<Attendance> SilentSince(long beforeMs) => [.. byConnection.Values.Where(a => a.LastReportMs < beforeMs)];

    public int Count => byConnection.Count;

    public void KnowController(string partyId, string memberId) => controllers[partyId] = memberId;

    public bool IsController(Attendance who) => controllers.TryGetValue(who.PartyId, out var id) && id == who.MemberId;
}

/// <summary>One member's connection on this origin. Fields are written by that connection's hub calls, one at a time.</summary>
public sealed class Attendance(string connectionId, string partyId, string memberId, string profileId, bool kids, Action abort)
{
    public string ConnectionId { get; } = connectionId;

    public string PartyId { get; } = partyId;

    public string MemberId { get; } = memberId;

    public string ProfileId { get; } = profileId;

    public bool Kids { get; } = kids;

    public Action Abort { get; } = abort;

    public string Name { get; init; } = "";

    public bool Host { get; init; }

    public long LastReportMs { get; set; }

    public long LastPersistMs { get; set; }

    public long LastBroadcastMs { get; set; }

    public long LastSessionCheckMs { get; set; }

    public MemberState State { get; set; } = MemberState.Joining;

    public int? RttMs { get; set; }

    public int AppliedVersion { get; set; }

    public double? DriftMs { get; set; }

    public double Position { get; set; }
}
