using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Parties;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.Origin.Tests.Community;
using Marquee.Origin.Tests.Discovery;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Origin.Tests.Parties;

/// <summary>Members of one party over real SignalR connections: commands, control, refusals, and who is present.</summary>
public sealed class PartyHubTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync(null, null,
        [.. People.Settings, "--Parties:MemberTimeoutSeconds", "8", "--Parties:WaitForAllSeconds", "6", "--Parties:MaxMembers", "3", "--Parties:SessionCheckSeconds", "1"]);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_hosts_commands_reach_every_member_scheduled_ahead_and_only_the_controller_commands()
    {
        var film = await TestAccounts.TitleAsync(server, "Sync Film");
        using var hostClient = await Watching.ViewerAsync(server, "sync-host@example.com");
        using var friendClient = await Watching.ViewerAsync(server, "sync-friend@example.com");
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);
        await using var friend = await Partygoer.JoinAsync(server, friendClient, id);
        Assert.True(friend.Joined.GetProperty("ok").GetBoolean());
        Assert.Equal(2, friend.Joined.GetProperty("party").GetProperty("members").GetArrayLength());
        Assert.Equal("joined", (await host.NextAsync("notice")).GetProperty("kind").GetString());

        // Latency reported by the friend (300 ms round trip) moves the schedule: at least 150 ms ahead plus the margin.
        await friend.ReportAsync("paused", 0, rttMs: 300);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var played = await host.Connection.InvokeAsync<JsonElement>("Play", 12.5);
        var heard = await friend.NextAsync("state", s => s.GetProperty("version").GetInt32() == played.GetProperty("version").GetInt32());
        Assert.True(heard.GetProperty("playing").GetBoolean());
        Assert.Equal(12.5, heard.GetProperty("position").GetDouble());
        Assert.InRange(heard.GetProperty("atMs").GetInt64() - before, 150 + 40, 150 + 40 + 5_000);

        var refused = await Assert.ThrowsAsync<HubException>(() => friend.Connection.InvokeAsync<JsonElement>("Pause", 20.0));
        Assert.Contains("Only the host", refused.Message);

        var handed = await host.Connection.InvokeAsync<JsonElement>("SetControl", new { mode = "host", controllerId = friend.MemberId });
        Assert.Equal(friend.MemberId, handed.GetProperty("controllerId").GetString());
        Assert.Equal(friend.MemberId, (await friend.NextAsync("notice", n => n.GetProperty("kind").GetString() == "control")).GetProperty("memberId").GetString());
        var paused = await friend.Connection.InvokeAsync<JsonElement>("Pause", 20.0);
        Assert.False((await host.NextAsync("state", s => s.GetProperty("version").GetInt32() == paused.GetProperty("version").GetInt32())).GetProperty("playing").GetBoolean());

        var seeked = await host.Connection.InvokeAsync<JsonElement>("Seek", 600.0);
        Assert.Equal(600, (await friend.NextAsync("state", s => s.GetProperty("version").GetInt32() == seeked.GetProperty("version").GetInt32())).GetProperty("position").GetDouble());

        foreach (var bad in new[] { -1.0, double.MaxValue })
        {
            await Assert.ThrowsAsync<HubException>(() => host.Connection.InvokeAsync<JsonElement>("Seek", bad));
        }

        Assert.Contains("rate", (await Assert.ThrowsAsync<HubException>(() => host.Connection.InvokeAsync<JsonElement>("SetRate", 9.0))).Message);
        Assert.Contains("host", (await Assert.ThrowsAsync<HubException>(() => friend.Connection.InvokeAsync<JsonElement>("SetControl", new { mode = "everyone" }))).Message);
    }

    [Fact]
    public async Task A_member_who_may_not_watch_is_refused_with_the_reason_and_the_others_hear_why_without_details()
    {
        var film = await TestAccounts.TitleAsync(server, "Licensed Film", countries: "US", maturity: 16);
        using var hostClient = await Watching.ViewerAsync(server, "refusing-host@example.com");
        using var abroadClient = await Watching.ViewerAsync(server, "abroad-member@example.com", Viewers.De);
        using var kidClient = await Watching.KidAsync(server, await Watching.ViewerAsync(server, "parent@example.com"));
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);

        await using var abroad = await Partygoer.JoinAsync(server, abroadClient, id);
        Assert.False(abroad.Joined.GetProperty("ok").GetBoolean());
        Assert.Equal(451, abroad.Joined.GetProperty("status").GetInt32());
        Assert.Contains("(DE)", abroad.Joined.GetProperty("detail").GetString());
        var notice = await host.NextAsync("notice", n => n.GetProperty("kind").GetString() == "refused");
        Assert.Equal("not available in their region", notice.GetProperty("detail").GetString());
        Assert.DoesNotContain("DE", notice.GetRawText());

        await using var kid = await Partygoer.JoinAsync(server, kidClient, id);
        Assert.Equal(403, kid.Joined.GetProperty("status").GetInt32());
        Assert.Contains("rated 16+", kid.Joined.GetProperty("detail").GetString());
        Assert.Contains("limited to 7+", kid.Joined.GetProperty("detail").GetString());
        Assert.Equal("not allowed on their profile", (await host.NextAsync("notice", n => n.GetProperty("kind").GetString() == "refused")).GetProperty("detail").GetString());

        // A refused member is not in the party: it cannot command or chat.
        Assert.Contains("Join the party first", (await Assert.ThrowsAsync<HubException>(() => abroad.Connection.InvokeAsync<JsonElement>("Chat", "hello"))).Message);
    }

    [Fact]
    public async Task The_party_has_a_member_limit_and_joining_again_moves_the_member_to_the_new_window()
    {
        var film = await TestAccounts.TitleAsync(server, "Full Film");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await Watching.ViewerAsync(server, $"full{i}@example.com"));
        }

        var id = await Partygoer.StartPartyAsync(clients[0], film);
        var members = new List<Partygoer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                members.Add(await Partygoer.JoinAsync(server, clients[i], id));
                Assert.True(members[^1].Joined.GetProperty("ok").GetBoolean());
            }

            members.Add(await Partygoer.JoinAsync(server, clients[3], id));
            Assert.Equal(409, members[^1].Joined.GetProperty("status").GetInt32());
            Assert.Equal("This party is full (3 of 3).", members[^1].Joined.GetProperty("detail").GetString());

            members.Add(await Partygoer.JoinAsync(server, clients[1], id));
            Assert.True(members[^1].Joined.GetProperty("ok").GetBoolean());
            Assert.Equal(members[1].MemberId, members[^1].MemberId);
            Assert.Contains("another window", (await members[1].NextAsync("removed")).GetProperty("detail").GetString());
            Assert.Equal(3, members[^1].Joined.GetProperty("party").GetProperty("members").GetArrayLength());
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }

            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_silent_member_is_dropped_and_control_returns_to_the_host()
    {
        var film = await TestAccounts.TitleAsync(server, "Silent Film");
        using var hostClient = await Watching.ViewerAsync(server, "silent-host@example.com");
        using var quietClient = await Watching.ViewerAsync(server, "quiet@example.com");
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);
        await using var quiet = await Partygoer.JoinAsync(server, quietClient, id);
        await host.Connection.InvokeAsync<JsonElement>("SetControl", new { mode = "host", controllerId = quiet.MemberId });

        // The host keeps its heartbeat; the other says nothing after joining.
        JsonElement dropped;
        await using (host.Beat(() => new MemberReport("playing", 1, null, 40, 0)))
        {
            dropped = await host.NextAsync("notice", n => n.GetProperty("kind").GetString() == "dropped");
        }

        Assert.Equal(quiet.MemberId, dropped.GetProperty("memberId").GetString());
        var party = await hostClient.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{id}");
        var left = Assert.Single(party.GetProperty("members").EnumerateArray());
        Assert.Equal(host.MemberId, left.GetProperty("memberId").GetString());
        Assert.Equal(host.MemberId, party.GetProperty("controllerId").GetString());
    }

    [Fact]
    public async Task Waiting_for_everyone_plays_when_all_are_ready_or_when_the_wait_runs_out()
    {
        var film = await TestAccounts.TitleAsync(server, "Waiting Film");
        using var hostClient = await Watching.ViewerAsync(server, "wait-host@example.com");
        using var friendClient = await Watching.ViewerAsync(server, "wait-friend@example.com");
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);
        await using var friend = await Partygoer.JoinAsync(server, friendClient, id);
        Assert.True((await host.Connection.InvokeAsync<JsonElement>("SetWaitForAll", true)).GetProperty("waitForAll").GetBoolean());

        // Both players beat; each says "ready" for the state it was told to prepare, once told.
        var hostReady = true;
        var friendReady = true;
        var version = 0;
        await using var hostBeat = host.Beat(() => new MemberReport(hostReady ? "ready" : "paused", 30, version, 40, 0));
        await using var friendBeat = friend.Beat(() => new MemberReport(friendReady ? "ready" : "buffering", 30, version, 40, 0));
        var waiting = await host.Connection.InvokeAsync<JsonElement>("Play", 30.0);
        Assert.False(waiting.GetProperty("playing").GetBoolean());
        var until = waiting.GetProperty("waitingUntilMs").GetInt64();
        version = waiting.GetProperty("version").GetInt32();
        // Say it at once rather than at the next beat, so a slow machine's half-second beats cannot reach the timeout.
        await host.ReportAsync("ready", 30, version);
        await friend.ReportAsync("ready", 30, version);
        var started = await host.NextAsync("state", s => s.GetProperty("playing").GetBoolean());
        Assert.Equal(30, started.GetProperty("position").GetDouble());
        Assert.Equal(JsonValueKind.Null, started.GetProperty("waitingUntilMs").ValueKind);
        Assert.True(started.GetProperty("atMs").GetInt64() < until, "waited for the timeout though everyone was ready");

        // The friend stays buffering this time: the wait gives up after its 6 s and plays anyway, and nobody was dropped.
        friendReady = false;
        var second = await host.Connection.InvokeAsync<JsonElement>("Play", 60.0);
        version = second.GetProperty("version").GetInt32();
        var anyway = await friend.NextAsync("state", s => s.GetProperty("playing").GetBoolean() && s.GetProperty("position").GetDouble() == 60);
        Assert.True(anyway.GetProperty("atMs").GetInt64() >= second.GetProperty("waitingUntilMs").GetInt64(), "played before the wait ran out");
        Assert.Empty(host.Drain("notice"));
    }

    [Fact]
    public async Task The_next_episode_and_any_other_title_are_checked_for_every_member()
    {
        var (_, episodes) = await TestAccounts.SeriesAsync(server, "Party Show", episodes: 2);
        using var hostClient = await Watching.ViewerAsync(server, "next-host@example.com");
        using var friendClient = await Watching.ViewerAsync(server, "next-friend@example.com");
        var id = await Partygoer.StartPartyAsync(hostClient, episodes[0]);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);
        await using var friend = await Partygoer.JoinAsync(server, friendClient, id);
        await using var hostBeat = host.Beat(() => new MemberReport("paused", 0, null, 40, 0));
        await using var friendBeat = friend.Beat(() => new MemberReport("paused", 0, null, 40, 0));

        await host.Connection.InvokeAsync<JsonElement>("Next");
        var moved = await friend.NextAsync("party", p => p.GetProperty("playable").GetProperty("id").GetString() == episodes[1]);
        Assert.Equal("S1 E2 · Party Show 2", moved.GetProperty("playable").GetProperty("episodeLabel").GetString());
        Assert.Equal(2, moved.GetProperty("members").GetArrayLength());
        Assert.Contains("no next episode", (await Assert.ThrowsAsync<HubException>(() => host.Connection.InvokeAsync<JsonElement>("Next"))).Message);

        // Only the controller changes the title, and a refused change takes nobody out.
        var elsewhere = await TestAccounts.TitleAsync(server, "Elsewhere Film", countries: "JP");
        host.Drain("notice");
        Assert.Contains("Only the host", (await Assert.ThrowsAsync<HubException>(() => friend.Connection.InvokeAsync<JsonElement>("Change", elsewhere))).Message);
        Assert.Empty(host.Drain("notice"));

        // The controller may not pick what it may not watch itself.
        var japanOnly = await TestAccounts.TitleAsync(server, "Japan Only Film", countries: "JP");
        Assert.Contains("not licensed in your country (US)", (await Assert.ThrowsAsync<HubException>(() => host.Connection.InvokeAsync<JsonElement>("Change", japanOnly))).Message);

        // A member abroad may watch the series, not a film licensed in the US only: the change takes them out, with the reason.
        using var abroadClient = await Watching.ViewerAsync(server, "next-abroad@example.com", Viewers.De);
        await using var abroad = await Partygoer.JoinAsync(server, abroadClient, id);
        Assert.True(abroad.Joined.GetProperty("ok").GetBoolean());
        await using var abroadBeat = abroad.Beat(() => new MemberReport("paused", 0, null, 40, 0));
        var usOnly = await TestAccounts.TitleAsync(server, "US Only Film", countries: "US");
        await host.Connection.InvokeAsync<JsonElement>("Change", usOnly);
        Assert.Contains("not licensed in your country (DE)", (await abroad.NextAsync("removed")).GetProperty("detail").GetString());
        var refused = await host.NextAsync("notice", n => n.GetProperty("kind").GetString() == "refused");
        Assert.Equal(abroad.MemberId, refused.GetProperty("memberId").GetString());
        Assert.Equal("not available in their region", refused.GetProperty("detail").GetString());
        var after = await friend.NextAsync("party", p => p.GetProperty("playable").GetProperty("id").GetString() == usOnly);
        Assert.DoesNotContain(after.GetProperty("members").EnumerateArray(), m => m.GetProperty("memberId").GetString() == abroad.MemberId);
    }

    [Fact]
    public async Task Signing_out_everywhere_takes_the_member_out_of_the_party()
    {
        var film = await TestAccounts.TitleAsync(server, "Session Film");
        using var hostClient = await Watching.ViewerAsync(server, "session-host@example.com");
        using var friendClient = await Watching.ViewerAsync(server, "session-friend@example.com");
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(server, hostClient, id);
        await using var friend = await Partygoer.JoinAsync(server, friendClient, id);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        friend.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await using var hostBeat = host.Beat(() => new MemberReport("playing", 1, null, 40, 0));
        await using (friend.Beat(() => new MemberReport("playing", 1, null, 40, 0)))
        {
            using (var signedOut = await friendClient.PostAsync("/api/v1/account/sign-out-everywhere", null))
            {
                Assert.True(signedOut.IsSuccessStatusCode, signedOut.StatusCode.ToString());
            }

            var left = await host.NextAsync("notice", n => n.GetProperty("kind").GetString() == "left");
            Assert.Equal(friend.MemberId, left.GetProperty("memberId").GetString());
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
