using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// Changes to the party's one playback state. Each is scheduled a moment ahead, at now plus the slowest member's
/// one-way latency plus a margin, so every member (who hears of it later or sooner) applies it at the same server
/// time; a member hearing too late extrapolates. Changes are guarded by the party's version: two controllers at once
/// on two origins both land, one after the other, and neither is lost.
/// </summary>
internal sealed class PartyCommands(MarqueeDbContext db, PartyReader reader, PartyAccess access, PartyMembership membership, IHubContext<PartyHub> hub,
    IOptions<PartyOptions> options, TimeProvider clock)
{
    private const int MaxLeadMs = 1_000;

    public Task<PartyStateView> PlayAsync(Attendance who, double? position) => ChangeAsync(who, (party, now, lead) =>
    {
        var from = position ?? party.PositionAt(now);
        party.PositionMs = Ms(from);
        party.Rate = party.Rate is > 0 ? party.Rate : 1;
        if (party.WaitForAll)
        {
            party.Playing = false;
            party.AtMs = now;
            party.WaitingUntilMs = now + options.Value.WaitForAllSeconds * 1000L;
        }
        else
        {
            party.Playing = true;
            party.AtMs = now + lead;
            party.WaitingUntilMs = null;
        }
    });

    public Task<PartyStateView> PauseAsync(Attendance who, double position) => ChangeAsync(who, (party, now, lead) =>
    {
        party.Playing = false;
        party.PositionMs = Ms(position);
        party.AtMs = now + lead;
        party.WaitingUntilMs = null;
    });

    public Task<PartyStateView> SeekAsync(Attendance who, double position) => ChangeAsync(who, (party, now, lead) =>
    {
        party.PositionMs = Ms(position);
        party.AtMs = now + lead;
    });

    public Task<PartyStateView> RateAsync(Attendance who, double rate) => ChangeAsync(who, (party, now, lead) =>
    {
        party.PositionMs = Ms(party.PositionAt(now + lead));
        party.AtMs = now + lead;
        party.Rate = rate;
    });

    /// <summary>
    /// Plays something else (the next episode, or any title): the controller first, then every member is checked for
    /// it; those who may not watch it leave the party with the reason. The party then waits (as with "wait for
    /// everyone") for the members to load it, and plays when all are ready or the wait runs out.
    /// </summary>
    public async Task<PartyView> SwitchAsync(Attendance who, string playableId, CancellationToken cancellationToken)
    {
        var current = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == who.PartyId, cancellationToken);
        if (current is null || !MayControl(current, who))
        {
            throw new HubException("Only the host, or the member the host passed control to, controls playback.");
        }

        var playable = await Playable.FindAsync(db, playableId, cancellationToken) ?? throw new HubException("There is nothing to play under that id.");
        var members = await reader.PresentAsync(who.PartyId, cancellationToken);
        var me = members.FirstOrDefault(m => m.MemberId == who.MemberId) ?? throw new HubException("Join the party first.");
        if (await access.CheckAsync(me, playable, cancellationToken) is { } mine)
        {
            throw new HubException($"{mine.Title}: {mine.Detail}");
        }

        foreach (var member in members.Where(m => m.MemberId != who.MemberId))
        {
            if (await access.CheckAsync(member, playable, cancellationToken) is { } refusal)
            {
                await membership.RemoveAsync(member, refusal, cancellationToken);
            }
        }

        await ChangeAsync(who, (party, now, _) =>
        {
            party.PlayableId = playableId;
            party.TitleId = playable.Title.Id;
            party.Playing = false;
            party.PositionMs = 0;
            party.AtMs = now;
            party.Rate = 1;
            party.WaitingUntilMs = now + options.Value.WaitForAllSeconds * 1000L;
        });
        var party = await db.Parties.AsNoTracking().SingleAsync(p => p.Id == who.PartyId, cancellationToken);
        var view = await reader.ViewAsync(party, null, cancellationToken);
        await hub.Clients.Group(PartyHub.Group(party.Id)).SendAsync(PartyHub.PartyEvent, view, cancellationToken);
        return view;
    }

    /// <summary>The episode after the one playing, in season and episode order, that has a video.</summary>
    public async Task<string?> NextEpisodeAsync(string partyId, CancellationToken cancellationToken)
    {
        var playableId = await db.Parties.AsNoTracking().Where(p => p.Id == partyId).Select(p => p.PlayableId).SingleAsync(cancellationToken);
        var current = await db.Episodes.AsNoTracking().Where(e => e.Id == playableId)
            .Join(db.Seasons, e => e.SeasonId, s => s.Id, (e, s) => new { e.SeriesId, Season = s.Number, e.Number }).SingleOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return null;
        }

        return await db.Episodes.AsNoTracking().Where(e => e.SeriesId == current.SeriesId && e.AssetId != null)
            .Join(db.Seasons, e => e.SeasonId, s => s.Id, (e, s) => new { e.Id, Season = s.Number, e.Number })
            .Where(x => x.Season > current.Season || (x.Season == current.Season && x.Number > current.Number))
            .OrderBy(x => x.Season).ThenBy(x => x.Number).Select(x => x.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a wait for everyone: plays when every present member said "ready" for the waiting state, or when the wait
    /// ran out (then whoever is not ready catches up alone). Nothing happens when the party is not waiting.
    /// </summary>
    public async Task<bool> TryEndWaitAsync(string partyId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == partyId, cancellationToken);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (party?.WaitingUntilMs is null || party.IsOver(now))
            {
                return false;
            }

            if (now < party.WaitingUntilMs)
            {
                var version = party.Version;
                var notReady = await db.PartyMembers.AnyAsync(m => m.PartyId == partyId && m.LeftAtMs == null
                    && (m.State != MemberState.Ready || m.AppliedVersion < version), cancellationToken);
                if (notReady)
                {
                    return false;
                }
            }

            party.Playing = true;
            party.AtMs = now + await LeadMsAsync(partyId, cancellationToken);
            party.WaitingUntilMs = null;
            party.Version++;
            if (await db.TrySaveAsync(cancellationToken))
            {
                await hub.Clients.Group(PartyHub.Group(partyId)).SendAsync(PartyHub.StateEvent, PartyStateView.Of(party), cancellationToken);
                return true;
            }
        }

        return false;
    }

    private async Task<PartyStateView> ChangeAsync(Attendance who, Action<Party, long, long> change)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == who.PartyId) ?? throw new HubException("This party has ended.");
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (party.IsOver(now))
            {
                throw new HubException("This party has ended.");
            }

            if (!MayControl(party, who))
            {
                throw new HubException("Only the host, or the member the host passed control to, controls playback.");
            }

            change(party, now, await LeadMsAsync(party.Id, CancellationToken.None));
            party.ByMemberId = who.MemberId;
            party.Version++;
            if (await db.TrySaveAsync(CancellationToken.None))
            {
                var state = PartyStateView.Of(party);
                await hub.Clients.Group(PartyHub.Group(party.Id)).SendAsync(PartyHub.StateEvent, state);
                return state;
            }
        }

        throw new HubException("The party changed too often at once; try again.");
    }

    public static bool MayControl(Party party, Attendance who) =>
        party.Control == PartyControl.Everyone || who.ProfileId == party.HostProfileId || who.MemberId == party.ControllerMemberId;

    /// <summary>The slowest present member's one-way latency (half its round trip), capped, plus the margin.</summary>
    private async Task<long> LeadMsAsync(string partyId, CancellationToken cancellationToken)
    {
        var slowest = await db.PartyMembers.Where(m => m.PartyId == partyId && m.LeftAtMs == null).MaxAsync(m => m.RttMs, cancellationToken) ?? 0;
        return Math.Min(slowest / 2, MaxLeadMs) + options.Value.ScheduleMarginMs;
    }

    private static long Ms(double seconds) => (long)Math.Round(seconds * 1000);
}
