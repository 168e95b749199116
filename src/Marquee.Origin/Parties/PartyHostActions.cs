using Marquee.Origin.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Parties;

/// <summary>What only the host decides: who controls playback, whether a play waits for everyone, and ending the party.</summary>
internal sealed class PartyHostActions(MarqueeDbContext db, PartyReader reader, IHubContext<PartyHub> hub, TimeProvider clock)
{
    public async Task<PartyView> SetControlAsync(Attendance who, ControlRequest request, CancellationToken cancellationToken)
    {
        var mode = request.Mode switch
        {
            "host" => PartyControl.Host,
            "everyone" => PartyControl.Everyone,
            _ => throw new HubException("Control is \"host\" (the host and the member they pass it to) or \"everyone\"."),
        };
        string? passedTo = null;
        var view = await ChangeAsync(who, async party =>
        {
            party.Control = mode;
            if (request.ControllerId is { } controller && controller != party.ControllerMemberId)
            {
                passedTo = await db.PartyMembers.Where(m => m.PartyId == party.Id && m.MemberId == controller && m.LeftAtMs == null).Select(m => m.Name)
                    .SingleOrDefaultAsync(cancellationToken) ?? throw new HubException("Control can be passed to a member who is in the party.");
                party.ControllerMemberId = controller;
            }
        }, cancellationToken);
        if (passedTo is not null)
        {
            await hub.Clients.Group(PartyHub.Group(view.Id)).SendAsync(PartyHub.NoticeEvent, new NoticeView("control", view.ControllerId, passedTo, null), cancellationToken);
        }

        return view;
    }

    public Task<PartyView> SetWaitForAllAsync(Attendance who, bool wait, CancellationToken cancellationToken) =>
        ChangeAsync(who, party =>
        {
            party.WaitForAll = wait;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Ends the party for everyone; true when it was running.</summary>
    public async Task<bool> EndAsync(string partyId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var ended = await db.Parties.Where(p => p.Id == partyId && p.EndedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EndedAtMs, now).SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
        if (ended > 0)
        {
            await hub.Clients.Group(PartyHub.Group(partyId)).SendAsync(PartyHub.EndedEvent, new { reason }, cancellationToken);
        }

        return ended > 0;
    }

    private async Task<PartyView> ChangeAsync(Attendance who, Func<Party, Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var party = await db.Parties.SingleOrDefaultAsync(p => p.Id == who.PartyId, cancellationToken);
            if (party is null || party.IsOver(clock.GetUtcNow().ToUnixTimeMilliseconds()))
            {
                throw new HubException("This party has ended.");
            }

            if (party.HostProfileId != who.ProfileId)
            {
                throw new HubException("Only the host can change this.");
            }

            await change(party);
            party.Version++;
            if (!await db.TrySaveAsync(cancellationToken))
            {
                continue;
            }

            var view = await reader.ViewAsync(party, null, cancellationToken);
            await hub.Clients.Group(PartyHub.Group(party.Id)).SendAsync(PartyHub.PartyEvent, view, cancellationToken);
            await hub.Clients.Group(PartyHub.Group(party.Id)).SendAsync(PartyHub.StateEvent, view.State, cancellationToken);
            return view;
        }

        throw new HubException("The party changed too often at once; try again.");
    }
}
