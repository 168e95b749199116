using Marquee.Origin.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Parties;

/// <summary>
/// Members' heartbeats (one a second each). Kept in <see cref="PartyPresence"/>; the database hears of a change of
/// state, applied version or latency, and otherwise of a sign of life every <see cref="PartyPresence.PersistEvery"/>;
/// the party hears of a change of state, and of drift every few seconds, not of every beat.
/// </summary>
internal sealed class PartyReports(MarqueeDbContext db, PartyCommands commands, PartyReader reader, IHubContext<PartyHub> hub, TimeProvider clock)
{
    private const long DriftEveryMs = 5_000;

    public async Task ReportAsync(Attendance who, MemberReport report, CancellationToken cancellationToken)
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
        var changed = state != who.State || (report.Version is { } v && v != who.AppliedVersion);
        var slower = rtt is { } t && (who.RttMs is not { } old || Math.Abs(t - old) > Math.Max(20, old / 4));
        who.LastReportMs = now;
        who.Position = report.Position;
        who.State = state;
        who.AppliedVersion = report.Version ?? who.AppliedVersion;
        who.RttMs = rtt ?? who.RttMs;
        var driftBand = Band(who.DriftMs) != Band(drift);
        who.DriftMs = drift;
        if (changed || slower || now - who.LastPersistMs >= PartyPresence.PersistEvery.TotalMilliseconds)
        {
            who.LastPersistMs = now;
            await db.PartyMembers.Where(m => m.MemberId == who.MemberId && m.ConnectionId == who.ConnectionId && m.LeftAtMs == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.AppliedVersion, who.AppliedVersion)
                    .SetProperty(m => m.RttMs, who.RttMs).SetProperty(m => m.LastSeenMs, now), cancellationToken);
        }

        if (changed || driftBand || now - who.LastBroadcastMs >= DriftEveryMs)
        {
            who.LastBroadcastMs = now;
            var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == who.PartyId, cancellationToken);
            var member = await db.PartyMembers.AsNoTracking().SingleOrDefaultAsync(m => m.MemberId == who.MemberId, cancellationToken);
            if (party is not null && member is not null)
            {
                await hub.Clients.Group(PartyHub.Group(who.PartyId)).SendAsync(PartyHub.MemberEvent, reader.Member(party, member), cancellationToken);
                if (state == MemberState.Ready && party.WaitingUntilMs is not null)
                {
                    await commands.TryEndWaitAsync(who.PartyId, cancellationToken);
                }
            }
        }
    }

    /// <summary>Drift as the member list shows it: in sync, correcting gently, or far off.</summary>
    private static int Band(double? drift) => drift switch
    {
        null => 0,
        { } d when Math.Abs(d) < 50 => 1,
        { } d when Math.Abs(d) <= 2_000 => 2,
        _ => 3,
    };
}
