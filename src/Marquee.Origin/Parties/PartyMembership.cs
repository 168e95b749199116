using Marquee.Origin.Accounts;
using Marquee.Origin.Community;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// Who is in a party: joining (checked as for playback, within the member limit), leaving, being dropped when the
/// player goes silent, and being removed when the party moves to something the member may not watch. Control follows
/// people out: when the member holding it leaves, it returns to the host, or to the longest-present member.
/// </summary>
internal sealed class PartyMembership(MarqueeDbContext db, PartyReader reader, PartyAccess access, PartyPresence presence, IHubContext<PartyHub> hub,
    IOptions<PartyOptions> options, TimeProvider clock)
{
    private const int ChatHistory = 50;

    /// <summary>A new party, with its host as the first member (present until their player joins or the wait for it runs out).</summary>
    public async Task<Party> CreateAsync(MarqueeUser user, Profile profile, Playable playable, string playableId, string? country, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var host = NewMember(PartyIds.New(), user, profile, await NameAsync(profile, cancellationToken), country, now);
        var party = new Party
        {
            Id = host.PartyId, HostProfileId = profile.Id, HostUserId = user.Id, PlayableId = playableId, TitleId = playable.Title.Id,
            CreatedAtMs = now, ExpiresAtMs = now + options.Value.InviteHours * 3_600_000L, ControllerMemberId = host.MemberId, AtMs = now,
        };
        db.Parties.Add(party);
        db.PartyMembers.Add(host);
        await db.SaveChangesAsync(cancellationToken);
        return party;
    }

    public async Task<JoinResult> JoinAsync(HubCallerContext caller, MarqueeUser user, Profile profile, string? country, string partyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partyId, cancellationToken);
        if (party is null || party.IsOver(now))
        {
            return Refused(party is null ? 404 : 410, party is null ? "Party not found" : "This party is over",
                party is null ? "There is no party behind this invite." : "The party has ended or its invite has expired.", now);
        }

        var members = await reader.PresentAsync(partyId, cancellationToken);
        var member = await db.PartyMembers.SingleOrDefaultAsync(m => m.PartyId == partyId && m.ProfileId == profile.Id, cancellationToken);
        var playable = await Playable.FindAsync(db, party.PlayableId, cancellationToken);
        var name = await NameAsync(profile, cancellationToken);
        var refusal = playable is null
            ? new PartyRefusal(404, "Nothing to play", "What this party was playing is no longer available.", "no longer available")
            : await access.CheckAsync(user, profile, playable, country, cancellationToken);
        if (refusal is not null)
        {
            if (member is not null)
            {
                await RemoveAsync(member, refusal, cancellationToken);
            }
            else
            {
                await hub.Clients.Group(PartyHub.Group(partyId)).SendAsync(PartyHub.NoticeEvent, new NoticeView("refused", null, name, refusal.ForOthers), cancellationToken);
            }

            return Refused(refusal.Status, refusal.Title, refusal.Detail, now);
        }

        if (members.Count(m => m.ProfileId != profile.Id) >= options.Value.MaxMembers)
        {
            return Refused(409, "This party is full", $"This party is full ({options.Value.MaxMembers} of {options.Value.MaxMembers}).", now);
        }

        var previousConnection = member?.LeftAtMs is null ? member?.ConnectionId : null;
        if (member is null)
        {
            member = NewMember(partyId, user, profile, name, country, now);
            db.PartyMembers.Add(member);
        }

        member.Name = name;
        member.Country = country;
        member.Kids = SocialGate.IsKids(profile);
        member.ConnectionId = caller.ConnectionId;
        member.State = MemberState.Joining;
        member.LastSeenMs = now;
        member.LeftAtMs = null;
        member.AppliedVersion = 0;
        await db.SaveChangesAsync(cancellationToken);

        // Joining again from another window (or after a reconnect the server had not noticed yet) moves the member there.
        if (previousConnection is not null && previousConnection != caller.ConnectionId)
        {
            presence.Remove(previousConnection);
            await hub.Groups.RemoveFromGroupAsync(previousConnection, PartyHub.Group(partyId), cancellationToken);
            await hub.Clients.Client(previousConnection).SendAsync(PartyHub.RemovedEvent, new { detail = "You joined this party from another window." }, cancellationToken);
        }

        presence.Add(caller.ConnectionId, member, profile.Id == party.HostProfileId, caller.Abort, now);
        await hub.Groups.AddToGroupAsync(caller.ConnectionId, PartyHub.Group(partyId), cancellationToken);
        var view = await reader.ViewAsync(party, null, cancellationToken);
        await hub.Clients.GroupExcept(PartyHub.Group(partyId), [caller.ConnectionId]).SendAsync(PartyHub.PartyEvent, view, cancellationToken);
        if (previousConnection is null)
        {
            await hub.Clients.GroupExcept(PartyHub.Group(partyId), [caller.ConnectionId])
                .SendAsync(PartyHub.NoticeEvent, new NoticeView("joined", member.MemberId, name, null), cancellationToken);
        }

        var you = new PartyYouView(member.MemberId, true, 200, null, null);
        return new JoinResult(true, 200, null, null, view with { You = you }, member.MemberId, clock.GetUtcNow().ToUnixTimeMilliseconds(),
            member.Kids ? [] : await ChatAsync(partyId, profile.Id, cancellationToken));
    }

    /// <summary>The member leaves (said so, disconnected, or went silent); <paramref name="kind"/> is what the others are told.</summary>
    public async Task LeaveAsync(Attendance who, string kind, CancellationToken cancellationToken)
    {
        presence.Remove(who.ConnectionId);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var left = await db.PartyMembers.Where(m => m.MemberId == who.MemberId && m.ConnectionId == who.ConnectionId && m.LeftAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeftAtMs, now).SetProperty(m => m.State, MemberState.Left), cancellationToken);
        await hub.Groups.RemoveFromGroupAsync(who.ConnectionId, PartyHub.Group(who.PartyId), cancellationToken);
        if (left > 0)
        {
            await AfterLeavingAsync(who.PartyId, who.MemberId, kind, null, cancellationToken);
        }
    }

    /// <summary>Takes a member out because they may not watch what the party plays now; they are told why, the others why in general.</summary>
    public async Task RemoveAsync(PartyMember member, PartyRefusal refusal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var left = await db.PartyMembers.Where(m => m.MemberId == member.MemberId && m.LeftAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeftAtMs, now).SetProperty(m => m.State, MemberState.Left), cancellationToken);
        if (member.ConnectionId is { } connection)
        {
            presence.Remove(connection);
            await hub.Clients.Client(connection).SendAsync(PartyHub.RemovedEvent, new { detail = $"{refusal.Title}: {refusal.Detail}" }, cancellationToken);
            await hub.Groups.RemoveFromGroupAsync(connection, PartyHub.Group(member.PartyId), cancellationToken);
        }

        if (left > 0)
        {
            await AfterLeavingAsync(member.PartyId, member.MemberId, "refused", refusal.ForOthers, cancellationToken);
        }
    }

    /// <summary>Members present in the database but unseen for a while: their origin went away without a word. Every origin sweeps; one wins each row.</summary>
    public async Task DropUnseenAsync(long unseenSinceMs, CancellationToken cancellationToken)
    {
        var stale = await db.PartyMembers.AsNoTracking().Where(m => m.LeftAtMs == null && m.LastSeenMs < unseenSinceMs).Take(200).ToListAsync(cancellationToken);
        foreach (var member in stale)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var left = await db.PartyMembers.Where(m => m.MemberId == member.MemberId && m.LeftAtMs == null && m.LastSeenMs < unseenSinceMs)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeftAtMs, now).SetProperty(m => m.State, MemberState.Left), cancellationToken);
            if (left > 0)
            {
                await AfterLeavingAsync(member.PartyId, member.MemberId, "dropped", null, cancellationToken);
            }
        }
    }

    private async Task AfterLeavingAsync(string partyId, string memberId, string kind, string? detail, CancellationToken cancellationToken)
    {
        var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == partyId, cancellationToken);
        if (party is null)
        {
            return;
        }

        var present = await reader.PresentAsync(partyId, cancellationToken);
        if (party.ControllerMemberId == memberId && present.Count > 0)
        {
            party.ControllerMemberId = (present.FirstOrDefault(m => m.ProfileId == party.HostProfileId) ?? present[0]).MemberId;

            // When someone changed the party meanwhile, the next leave or a host's choice settles control.
            await db.TrySaveAsync(cancellationToken);
        }

        var name = await db.PartyMembers.AsNoTracking().Where(m => m.MemberId == memberId).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var group = hub.Clients.Group(PartyHub.Group(partyId));
        await group.SendAsync(PartyHub.PartyEvent, await reader.ViewAsync(party, null, cancellationToken), cancellationToken);
        await group.SendAsync(PartyHub.NoticeEvent, new NoticeView(kind, memberId, name, detail), cancellationToken);
    }

    /// <summary>The last messages, oldest first, without those of people the reader blocked or muted or who blocked them.</summary>
    private async Task<List<ChatMessageView>> ChatAsync(string partyId, string profileId, CancellationToken cancellationToken)
    {
        var hidden = await new Relations(db).HiddenFromAsync(profileId, cancellationToken);
        var rows = await db.PartyMessages.AsNoTracking().Where(m => m.PartyId == partyId && !hidden.Contains(m.ProfileId))
            .OrderByDescending(m => m.AtMs).ThenByDescending(m => m.Id).Take(ChatHistory).ToListAsync(cancellationToken);
        rows.Reverse();
        return [.. rows.Select(PartyChat.View)];
    }

    /// <summary>The name others see: the public display name when the profile has one, otherwise the profile's name.</summary>
    private async Task<string> NameAsync(Profile profile, CancellationToken cancellationToken) =>
        await db.SocialProfiles.AsNoTracking().Where(s => s.ProfileId == profile.Id).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken) is { Length: > 0 } shown
            ? shown
            : profile.Name;

    private static PartyMember NewMember(string partyId, MarqueeUser user, Profile profile, string name, string? country, long now) => new()
    {
        MemberId = Ids.New(), PartyId = partyId, ProfileId = profile.Id, UserId = user.Id, Name = name, Country = country,
        Kids = SocialGate.IsKids(profile), JoinedAtMs = now, LastSeenMs = now,
    };

    private static JoinResult Refused(int status, string title, string detail, long now) => new(false, status, title, detail, null, null, now, []);
}
