using Marquee.Origin.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Parties;

/// <summary>
/// Members' heartbeats (one a second each). Kept in <see cref="PartyPresence"/>; the database hears of a change of
/// state, applied version or latency, and otherwise of a sign of life every <see cref="PartyPresence.PersistEvery"/>;
/// the party hears of a change of state, and of drift every few seconds, not of every beat.
/// </summary>
internal sealed class PartyReports(MarqueeDbContext db, PartyPresence presence, IHubContext<PartyHub> hub, TimeProvider clock)
{
    private const long DriftEveryMs = 10_000;

    /// <returns>Whether the member just said it is ready for a new state: a wait for everyone may be over.</returns>
    public async Task<bool> ReportAsync(Attendance who, MemberReport report, CancellationToken cancellationToken)
    {
        var state = PartyReader.ParseState(report.State)
            ?? throw new HubException("A report's state is one of ready, playing, paused, buffering, catchingUp.");
        if (PartyRules.PositionError(report.Position) is { } error)
        {
            throw new HubException(error);
        }

        var rtt = report.RttMs is { } r && double.IsFinite(r) ? (int?)Math.Clamp((int)r, 0, 60_000) : null;
        var drift = report.DriftMs is { } d && double.IsFinite(d) ? (double?)Math.Clamp(Math.Round(d), -86_400_000, 86_400_000) : null;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stateChanged = state != who.State;
        var versionChanged = report.Version is { } v && v != who.AppliedVersion;
        // Catching up is playing to everyone else: a player flips between the two as its rate corrects, and other
        // origins need only what decides a wait (ready, at which version) and whether someone is gone.
        var coarseChanged = Coarse(state) != Coarse(who.State);
        var latencyMoved = rtt is { } t && (who.RttMs is not { } old || Math.Abs(t - old) > Math.Max(50, old / 2));
        who.LastReportMs = now;
        who.Position = report.Position;
        who.State = state;
        who.AppliedVersion = report.Version ?? who.AppliedVersion;
        who.RttMs = latencyMoved ? rtt : who.RttMs;
        var driftBand = Band(who.DriftMs) != Band(drift);
        who.DriftMs = drift;
        if (coarseChanged || versionChanged || latencyMoved || now - who.LastPersistMs >= PartyPresence.PersistEvery.TotalMilliseconds)
        {
            who.LastPersistMs = now;
            await db.PartyMembers.Where(m => m.MemberId == who.MemberId && m.ConnectionId == who.ConnectionId && m.LeftAtMs == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, Coarse(state)).SetProperty(m => m.AppliedVersion, who.AppliedVersion)
                    .SetProperty(m => m.RttMs, who.RttMs).SetProperty(m => m.LastSeenMs, now), cancellationToken);
        }

        // The party hears of a state change and of a drift that crossed a band at once, of the drift itself now and
        // then; built from what this origin holds, without reading the database.
        if (stateChanged || driftBand || now - who.LastBroadcastMs >= DriftEveryMs)
        {
            who.LastBroadcastMs = now;
            var view = new MemberView(who.MemberId, who.Name, who.Host, presence.IsController(who), PartyReader.StateName(state), drift);
            await hub.Clients.Group(PartyHub.Group(who.PartyId)).SendAsync(PartyHub.MemberEvent, view, cancellationToken);
        }

        return state == MemberState.Ready && (stateChanged || versionChanged);
    }

    private static MemberState Coarse(MemberState state) => state == MemberState.CatchingUp ? MemberState.Playing : state;

    /// <summary>Drift as the member list shows it: in sync, correcting gently, or far off.</summary>
    private static int Band(double? drift) => drift switch
    {
        null => 0,
        { } d when Math.Abs(d) < 50 => 1,
        { } d when Math.Abs(d) <= 2_000 => 2,
        _ => 3,
    };
}
