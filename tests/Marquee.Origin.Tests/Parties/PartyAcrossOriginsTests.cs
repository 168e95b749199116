using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Origin.Tests.Parties;

/// <summary>
/// One party whose members are connected to two origins on one PostgreSQL database and one Redis, as behind the
/// scaled setup's load balancer: commands, chat and the member list cross over the SignalR backplane.
/// </summary>
public sealed class PartyAcrossOriginsTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private OriginServer first = null!;
    private OriginServer second = null!;

    public async ValueTask InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        var postgres = await TestDatabase.ServerAsync();
        var name = "parties_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        string[] settings =
        [
            "--Database:Provider", "postgres", "--Database:ConnectionString", postgres.Url(name), "--Redis:Connection", redis.Url, "--Redis:Prefix", name + ":",
            "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0", "--Parties:MemberTimeoutSeconds", "4",
        ];
        first = await OriginServer.StartAsync(null, settings);
        second = await OriginServer.StartAsync(null, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task Members_on_two_origins_share_one_party()
    {
        var film = await TestAccounts.TitleAsync(first, "Two Origin Film");
        using (await TestAccounts.SignedInClientAsync(first, "far-host@example.com", plan: "premium"))
        using (await TestAccounts.SignedInClientAsync(first, "far-friend@example.com", plan: "premium"))
        {
        }

        using var hostClient = Viewers.From(first, Viewers.Us, (await TestAccounts.LoginAsync(first, "far-host@example.com")).AccessToken);
        using var friendClient = Viewers.From(second, Viewers.Us, (await TestAccounts.LoginAsync(first, "far-friend@example.com")).AccessToken);
        var id = await Partygoer.StartPartyAsync(hostClient, film);
        await using var host = await Partygoer.JoinAsync(first, hostClient, id);
        await using var friend = await Partygoer.JoinAsync(second, friendClient, id);
        Assert.True(friend.Joined.GetProperty("ok").GetBoolean());
        Assert.Equal("joined", (await host.NextAsync("notice")).GetProperty("kind").GetString());

        await using var friendBeat = friend.Beat(() => new Marquee.Origin.Parties.MemberReport("playing", 5, null, 80, 0));
        var played = await host.Connection.InvokeAsync<JsonElement>("Play", 5.0);
        var heard = await friend.NextAsync("state", s => s.GetProperty("version").GetInt32() == played.GetProperty("version").GetInt32());
        Assert.True(heard.GetProperty("playing").GetBoolean());

        await friend.Connection.InvokeAsync<JsonElement>("Chat", "hello from the second origin");
        Assert.Equal("hello from the second origin", (await host.NextAsync("chat")).GetProperty("text").GetString());

        // The host's origin sees the friend's state, reported to the other origin, in the member list.
        var party = await hostClient.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{id}");
        var member = party.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("memberId").GetString() == friend.MemberId);
        Assert.Equal("playing", member.GetProperty("state").GetString());
    }
}
