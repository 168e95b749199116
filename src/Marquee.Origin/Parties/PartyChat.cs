using Marquee.Origin.Community;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// Chat and reactions. Text is kept as written and sent as a JSON string (the web app shows it as text). The
/// community's blocks and mutes hold here too: nobody receives words from someone they blocked or muted or who
/// blocked them. Kids profiles take no part in chat (as in comments); reactions are for everyone.
/// </summary>
internal sealed class PartyChat(MarqueeDbContext db, SocialLimiter limiter, IHubContext<PartyHub> hub, IOptions<PartyOptions> options, TimeProvider clock)
{
    public async Task<ChatMessageView> SendAsync(Attendance who, string? text, CancellationToken cancellationToken)
    {
        if (who.Kids)
        {
            throw new HubException("Chat is off on kids profiles.");
        }

        if (PartyRules.ChatError(text) is { } error)
        {
            throw new HubException(error);
        }

        await PartyLimits.EnforceAsync(limiter, "party-chat:" + who.ProfileId, options.Value.ChatPerMinute, "chat messages");
        var message = new PartyMessage
        {
            Id = Ids.New(), PartyId = who.PartyId, MemberId = who.MemberId, ProfileId = who.ProfileId, Name = who.Name, Text = text!,
            AtMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.PartyMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var view = View(message);
        await hub.Clients.GroupExcept(PartyHub.Group(who.PartyId), await ExcludedAsync(who, kids: true, cancellationToken))
            .SendAsync(PartyHub.ChatEvent, view, cancellationToken);
        return view;
    }

    public async Task<ReactionView> ReactAsync(Attendance who, string? emoji, CancellationToken cancellationToken)
    {
        if (emoji is null || !PartyRules.Reactions.Contains(emoji))
        {
            throw new HubException($"A reaction is one of {string.Join(" ", PartyRules.Reactions)}.");
        }

        await PartyLimits.EnforceAsync(limiter, "party-action:" + who.ProfileId, options.Value.ActionsPerMinute, "reactions");
        var view = new ReactionView(who.MemberId, who.Name, emoji, clock.GetUtcNow().ToUnixTimeMilliseconds());
        await hub.Clients.GroupExcept(PartyHub.Group(who.PartyId), await ExcludedAsync(who, kids: false, cancellationToken))
            .SendAsync(PartyHub.ReactionEvent, view, cancellationToken);
        return view;
    }

    public static ChatMessageView View(PartyMessage m) => new(m.Id, m.MemberId, m.Name, m.Text, m.AtMs);

    /// <summary>
    /// Connections of present members who must not receive the sender's words: they blocked or muted the sender, or
    /// the sender blocked them (a block hides both ways); and, for chat, kids profiles.
    /// </summary>
    private async Task<List<string>> ExcludedAsync(Attendance who, bool kids, CancellationToken cancellationToken)
    {
        var hidden = new Relations(db).NotShownTo(who.ProfileId);
        return await db.PartyMembers.AsNoTracking()
            .Where(m => m.PartyId == who.PartyId && m.LeftAtMs == null && m.ConnectionId != null && ((kids && m.Kids) || hidden.Contains(m.ProfileId)))
            .Select(m => m.ConnectionId!).ToListAsync(cancellationToken);
    }
}
