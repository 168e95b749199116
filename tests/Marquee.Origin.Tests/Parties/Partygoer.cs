using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Marquee.Origin.Parties;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Origin.Tests.Parties;

/// <summary>
/// A party member over a real SignalR connection (WebSockets, the viewer's bearer token and address), with every
/// event it hears kept in order, to wait for.
/// </summary>
internal sealed class Partygoer : IAsyncDisposable
{
    private readonly Channel<(string Event, JsonElement Body)> heard = Channel.CreateUnbounded<(string, JsonElement)>();

    private Partygoer(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in new[] { PartyHub.StateEvent, PartyHub.PartyEvent, PartyHub.MemberEvent, PartyHub.ChatEvent, PartyHub.ReactionEvent,
                     PartyHub.NoticeEvent, PartyHub.RemovedEvent, PartyHub.EndedEvent })
        {
            connection.On<JsonElement>(name, body => heard.Writer.TryWrite((name, body)));
        }
    }

    public HubConnection Connection { get; }

    public JsonElement Joined { get; private set; }

    public string MemberId => Joined.GetProperty("memberId").GetString()!;

    /// <summary>Connects as <paramref name="viewer"/> (its token and X-Forwarded-For) without joining.</summary>
    public static async Task<Partygoer> ConnectAsync(OriginServer server, HttpClient viewer)
    {
        var token = viewer.DefaultRequestHeaders.Authorization!.Parameter!;
        var address = viewer.DefaultRequestHeaders.TryGetValues("X-Forwarded-For", out var values) ? values.First() : null;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, PartyHub.Path), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                if (address is not null)
                {
                    o.Headers["X-Forwarded-For"] = address;
                }
            })
            .Build();
        var member = new Partygoer(connection);
        await connection.StartAsync();
        return member;
    }

    /// <summary>Connects and joins; the join's answer is in <see cref="Joined"/>.</summary>
    public static async Task<Partygoer> JoinAsync(OriginServer server, HttpClient viewer, string partyId)
    {
        var member = await ConnectAsync(server, viewer);
        member.Joined = await member.Connection.InvokeAsync<JsonElement>("Join", partyId);
        return member;
    }

    public Task ReportAsync(string state, double position, int? version = null, double? rttMs = 40) =>
        Connection.InvokeAsync("Report", new MemberReport(state, position, version, rttMs, 0));

    /// <summary>The next event named <paramref name="name"/> that satisfies <paramref name="match"/>, skipping others.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (eventName, body) = await heard.Reader.ReadAsync(timeout.Token);
            if (eventName == name && (match is null || match(body)))
            {
                return body;
            }
        }
    }

    /// <summary>The next event of any name.</summary>
    public async Task<(string Event, JsonElement Body)> NextAnyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await heard.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Every event heard so far and not yet read, by name.</summary>
    public List<JsonElement> Drain(string name)
    {
        var list = new List<JsonElement>();
        while (heard.Reader.TryRead(out var item))
        {
            if (item.Event == name)
            {
                list.Add(item.Body);
            }
        }

        return list;
    }

    /// <summary>
    /// Reports what <paramref name="report"/> says twice a second until the returned handle is disposed, as a player's
    /// heartbeat does (a member silent for the configured timeout is dropped).
    /// </summary>
    public IAsyncDisposable Beat(Func<MemberReport> report)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Connection.InvokeAsync("Report", report(), CancellationToken.None);
                await Task.Delay(500, CancellationToken.None);
            }
        });
        return new Beating(stop, loop);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private sealed class Beating(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }

    /// <summary>Starts a party on <paramref name="playableId"/> as <paramref name="host"/>; its id.</summary>
    public static async Task<string> StartPartyAsync(HttpClient host, string playableId)
    {
        using var response = await host.PostAsJsonAsync("/api/v1/parties", new { playableId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
