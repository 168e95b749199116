using Marquee.Origin.Accounts;
using Marquee.Origin.Community;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// The real-time side of a watch party (<c>/hubs/party</c>). A member joins with the party's id, then keeps a
/// heartbeat (<see cref="Report"/>) and a clock estimate (<see cref="Ping"/>), and hears the party's events:
/// <c>state</c>, <c>party</c>, <c>member</c>, <c>chat</c>, <c>reaction</c>, <c>notice</c>, <c>removed</c>, <c>ended</c>.
/// Refusals of a call are a <see cref="HubException"/> whose message is the sentence to show. Across origins every
/// group message travels over the SignalR Redis backplane when Redis is configured.
/// </summary>
[Authorize]
public sealed class PartyHub(PartyPresence presence, IServiceProvider services, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/party";
    public const string StateEvent = "state";
    public const string PartyEvent = "party";
    public const string MemberEvent = "member";
    public const string ChatEvent = "chat";
    public const string ReactionEvent = "reaction";
    public const string NoticeEvent = "notice";
    public const string RemovedEvent = "removed";
    public const string EndedEvent = "ended";

    public static string Group(string partyId) => "party:" + partyId;

    public async Task<JoinResult> Join(string partyId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!PartyIds.IsValid(partyId))
        {
            return new JoinResult(false, 404, "Party not found", "There is no party behind this invite.", null, null, now, []);
        }

        if (presence.Find(Context.ConnectionId) is { } earlier)
        {
            await Service<PartyMembership>().LeaveAsync(earlier, "left", Context.ConnectionAborted);
        }

        var profile = await Service<ProfileService>().CurrentAsync(Context.User!, Context.ConnectionAborted);
        await PartyLimits.EnforceAsync(Service<SocialLimiter>(), "party-start:" + profile.Id, Options.StartsPerMinute, "joins");
        var user = await Service<UserManager<MarqueeUser>>().GetUserAsync(Context.User!) ?? throw new HubException("The account no longer exists.");
        var http = Context.GetHttpContext() ?? throw new HubException("This connection has no request to place you by.");
        var country = Service<CountryResolver>().Resolve(http);
        return await Service<PartyMembership>().JoinAsync(Context, user, profile, country, partyId, Context.ConnectionAborted);
    }

    /// <summary>One clock sample: the client's send time echoed with the server's receive and send times (unix ms).</summary>
    public PingReply Ping(double clientSendMs)
    {
        var received = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new PingReply(double.IsFinite(clientSendMs) ? clientSendMs : 0, received, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public async Task Report(MemberReport report)
    {
        var me = Me();
        // The heartbeat is the hot path (one a second per member): the commands' services are built only when needed.
        if (await Service<PartyReports>().ReportAsync(me, report ?? throw new HubException("A report is required."), Context.ConnectionAborted))
        {
            await Service<PartyCommands>().TryEndWaitAsync(me.PartyId, Context.ConnectionAborted);
        }

        // The connection authenticated once; a sign-out everywhere, a revoked session or a disabled account ends it too.
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - me.LastSessionCheckMs >= Options.SessionCheckSeconds * 1000L)
        {
            me.LastSessionCheckMs = now;
            if (!await AccountServices.IsSessionCurrentAsync(services, Context.User, Context.ConnectionAborted))
            {
                await Service<PartyMembership>().LeaveAsync(me, "left", CancellationToken.None);
                Context.Abort();
            }
        }
    }

    public async Task<PartyStateView> Play(double? position)
    {
        var me = await CommandingAsync(position);
        return await Service<PartyCommands>().PlayAsync(me, position);
    }

    public async Task<PartyStateView> Pause(double position)
    {
        var me = await CommandingAsync(position);
        return await Service<PartyCommands>().PauseAsync(me, position);
    }

    public async Task<PartyStateView> Seek(double position)
    {
        var me = await CommandingAsync(position);
        return await Service<PartyCommands>().SeekAsync(me, position);
    }

    public async Task<PartyStateView> SetRate(double rate)
    {
        if (PartyRules.RateError(rate) is { } error)
        {
            throw new HubException(error);
        }

        var me = await CommandingAsync(null);
        return await Service<PartyCommands>().RateAsync(me, rate);
    }

    public async Task<PartyView> Next()
    {
        var me = await CommandingAsync(null);
        var commands = Service<PartyCommands>();
        var next = await commands.NextEpisodeAsync(me.PartyId, Context.ConnectionAborted) ?? throw new HubException("There is no next episode.");
        return await commands.SwitchAsync(me, next, Context.ConnectionAborted);
    }

    public async Task<PartyView> Change(string playableId)
    {
        var me = await CommandingAsync(null);
        return await Service<PartyCommands>().SwitchAsync(me, playableId ?? "", Context.ConnectionAborted);
    }

    public Task<ChatMessageView> Chat(string text) => Service<PartyChat>().SendAsync(Me(), text, Context.ConnectionAborted);

    public Task<ReactionView> React(string emoji) => Service<PartyChat>().ReactAsync(Me(), emoji, Context.ConnectionAborted);

    public Task<PartyView> SetControl(ControlRequest request) =>
        Service<PartyHostActions>().SetControlAsync(Me(), request ?? throw new HubException("Say which control: host or everyone."), Context.ConnectionAborted);

    public Task<PartyView> SetWaitForAll(bool wait) => Service<PartyHostActions>().SetWaitForAllAsync(Me(), wait, Context.ConnectionAborted);

    public Task Leave() => Service<PartyMembership>().LeaveAsync(Me(), "left", Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (presence.Find(Context.ConnectionId) is { } me)
        {
            await Service<PartyMembership>().LeaveAsync(me, "left", CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private Attendance Me() => presence.Find(Context.ConnectionId) ?? throw new HubException("Join the party first.");

    private async Task<Attendance> CommandingAsync(double? position)
    {
        if (PartyRules.PositionError(position) is { } error)
        {
            throw new HubException(error);
        }

        var me = Me();
        await PartyLimits.EnforceAsync(Service<SocialLimiter>(), "party-action:" + me.ProfileId, Options.ActionsPerMinute, "playback commands");
        return me;
    }

    private PartyOptions Options => Service<IOptions<PartyOptions>>().Value;

    private T Service<T>() where T : notnull => services.GetRequiredService<T>();
}
