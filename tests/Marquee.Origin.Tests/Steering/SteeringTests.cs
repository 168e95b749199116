using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Edge.Tokens;
using Marquee.Origin.Playback;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Steering;

/// <summary>Heartbeats, health and the ranking every viewer gets, with time moved by the test.</summary>
public sealed class SteeringTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(Viewers.De, "eu", "us")]
    [InlineData(Viewers.Us, "us", "eu")]
    [InlineData(Viewers.Jp, "us", "eu")]
    public async Task Viewers_get_their_own_regions_edges_first_then_the_nearest_region_then_the_origin(string address, string first, string second)
    {
        await EdgeFleet.BeatAllAsync(server);

        var pathways = await PathwaysAsync(address, await TestAccounts.TitleAsync(server, "Ranked"));

        Assert.Equal([first, first, second, second, null], pathways.Select(p => p.Region));
        Assert.Equal("origin", pathways[^1].Id);
    }

    [Fact]
    public async Task Rendezvous_hashing_spreads_assets_over_a_regions_edges_and_keeps_each_assets_favourite_stable()
    {
        await EdgeFleet.BeatAllAsync(server);
        var ranker = server.App.Services.GetRequiredService<SteeringRanker>();
        var edges = await server.App.Services.GetRequiredService<EdgeDirectory>().CurrentAsync(CancellationToken.None);
        var assets = Enumerable.Range(0, 400).Select(i => $"asset{i:000}").ToList();

        var favourites = assets.Select(a => ranker.Rank(edges, "eu", a)[0].Id).ToList();
        var withoutEu1 = assets.Select(a => ranker.Rank([.. edges.Where(e => e.Id != "eu-1")], "eu", a)[0].Id).ToList();

        Assert.InRange(favourites.Count(f => f == "eu-1"), 140, 260);
        Assert.InRange(favourites.Count(f => f == "eu-2"), 140, 260);
        Assert.Equal(favourites, assets.Select(a => ranker.Rank(edges, "eu", a)[0].Id));
        // Losing eu-1 moves only eu-1's share: every asset that favoured eu-2 still does.
        Assert.All(assets.Where((_, i) => favourites[i] == "eu-2"), a => Assert.Equal("eu-2", withoutEu1[assets.IndexOf(a)]));
    }

    [Fact]
    public async Task An_overloaded_edge_goes_after_the_other_edges_of_its_region_but_before_other_regions()
    {
        await EdgeFleet.BeatAllAsync(server);
        (await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, load: 0.95)).Dispose();
        var ranker = server.App.Services.GetRequiredService<SteeringRanker>();
        var edges = await server.App.Services.GetRequiredService<EdgeDirectory>().CurrentAsync(CancellationToken.None);

        var orders = Enumerable.Range(0, 50).Select(i => ranker.Rank(edges, "eu", $"asset{i}").Select(e => e.Id).ToList()).ToList();

        Assert.All(orders, order => Assert.Equal(["eu-2", "eu-1"], order.Take(2)));
    }

    [Fact]
    public async Task A_degraded_edge_is_offered_after_the_healthy_edges_of_its_region_and_the_admin_list_says_why()
    {
        await EdgeFleet.BeatAllAsync(server);
        // Overloaded as well as healthy, eu-2 still goes before a degraded eu-1: overload is headroom, degraded is worse service.
        (await EdgeFleet.BeatAsync(server, "eu-2", "eu", 8102, load: 0.95)).Dispose();
        using var beat = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101,
            degraded: ["cache directory not writable (read-only file system); serving pass-through", "4 of 10 upstream fetches failed in the last 30 s"]);
        var title = await TestAccounts.TitleAsync(server, "Degraded Film");

        var pathways = await PathwaysAsync(Viewers.De, title);
        using var admin = await TestAccounts.AdminClientAsync(server);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges")).EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        (await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101)).Dispose();
        var recovered = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges")).EnumerateArray().Single(e => e.GetProperty("id").GetString() == "eu-1");

        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        Assert.Equal(["eu-2", "eu-1"], pathways.Take(2).Select(p => p.Id));
        Assert.Equal(["us", "us", null], pathways.Skip(2).Select(p => p.Region));
        var eu1 = listed["eu-1"];
        Assert.True(eu1.GetProperty("live").GetBoolean());
        Assert.True(eu1.GetProperty("healthy").GetBoolean());
        Assert.True(eu1.GetProperty("degraded").GetBoolean());
        Assert.Equal(
            "cache directory not writable (read-only file system); serving pass-through; 4 of 10 upstream fetches failed in the last 30 s",
            eu1.GetProperty("degradedReason").GetString());
        Assert.False(listed["eu-2"].GetProperty("degraded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed["eu-2"].GetProperty("degradedReason").ValueKind);
        Assert.False(recovered.GetProperty("degraded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("degradedReason").ValueKind);
    }

    [Fact]
    public async Task Degraded_reasons_are_checked_and_an_older_edge_without_them_counts_as_not_degraded()
    {
        using var noReason = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, degraded: []);
        using var forged = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, degraded: ["disk full\n12:00:00 warn: a forged log line"]);
        using var tooLong = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, degraded: [new string('x', 201)]);
        using var tooMany = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, degraded: ["a", "b", "c", "d", "e", "f"]);
        using var reasonsWhileHealthy = await EdgeFleet.BeatRawAsync(server,
            """{"id":"eu-1","region":"eu","baseUrl":"http://127.0.0.1:8101","healthy":true,"loadFactor":0.1,"activeConnections":1,"egressBytesPerSecond":1,"hitRatio":0.5,"byteHitRatio":0.5,"cacheUsedBytes":1,"cacheCapacityBytes":2,"degraded":false,"degradedReasons":["x"]}""");
        using var older = await EdgeFleet.BeatRawAsync(server,
            """{"id":"eu-1","region":"eu","baseUrl":"http://127.0.0.1:8101","healthy":true,"loadFactor":0.1,"activeConnections":1,"egressBytesPerSecond":1,"hitRatio":0.5,"byteHitRatio":0.5,"cacheUsedBytes":1,"cacheCapacityBytes":2}""");
        using var admin = await TestAccounts.AdminClientAsync(server);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges")).EnumerateArray().Single();

        Assert.All([noReason, forged, tooLong, tooMany, reasonsWhileHealthy], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("degradedReasons", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.True(listed.GetProperty("live").GetBoolean());
        Assert.False(listed.GetProperty("degraded").GetBoolean());
    }

    [Fact]
    public async Task An_edge_that_misses_heartbeats_leaves_steering_and_returns_with_its_next_heartbeat()
    {
        await EdgeFleet.BeatAllAsync(server);
        var title = await TestAccounts.TitleAsync(server, "Heartbeat Film");

        clock.Advance(TimeSpan.FromSeconds(6));
        await EdgeFleet.BeatAllAsync(server, except: "eu-1");
        clock.Advance(TimeSpan.FromSeconds(4));
        var whileSilent = await PathwaysAsync(Viewers.De, title);
        using var admin = await TestAccounts.AdminClientAsync(server);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
        (await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101)).Dispose();
        var afterReturn = await PathwaysAsync(Viewers.De, title);

        Assert.DoesNotContain("eu-1", whileSilent.Select(p => p.Id));
        Assert.Equal("eu-2", whileSilent[0].Id);
        Assert.Equal(["us", "us", null], whileSilent.Skip(1).Select(p => p.Region));
        Assert.False(listed.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "eu-1").GetProperty("live").GetBoolean());
        Assert.True(listed.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "eu-2").GetProperty("live").GetBoolean());
        Assert.Contains("eu-1", afterReturn.Select(p => p.Id).Take(2));
    }

    [Fact]
    public async Task Heartbeats_need_the_edge_key_and_valid_fields_and_the_reply_carries_keys_that_verify_tokens()
    {
        using var wrongKey = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, key: "not-the-key-of-this-cluster-at-all-000");
        using var badRegion = await EdgeFleet.BeatAsync(server, "eu-1", "mars", 8101);
        using var badId = await EdgeFleet.BeatAsync(server, "EU 1!", "eu", 8101);
        var reply = await EdgeFleet.BeatAllAsync(server);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRegion.StatusCode);
        Assert.Contains("mars", await badRegion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("\"id\"", await badId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ring = new TokenKeyRing();
        ring.Replace(reply.Keys.Select(k => new TokenKey(k.Id, Convert.FromBase64String(k.Secret))));
        var keys = server.App.Services.GetRequiredService<PlaybackKeys>();
        var token = PlaybackToken.Sign(new PlaybackClaims("/media/0123456789abcdef/v1/", clock.GetUtcNow().AddHours(8), ["eu"], "s1", 0), keys.Current);
        Assert.True(PlaybackToken.Verify(token, "/media/0123456789abcdef/v1/master.m3u8", "eu", ring, clock.GetUtcNow()).Allowed);
        Assert.EndsWith("/api/v1/steering/", reply.SteeringUrl, StringComparison.Ordinal);

        // A key rotation later, the edge's ring (refreshed by its heartbeat) still verifies the token in flight.
        clock.Advance(TimeSpan.FromHours(6));
        var later = await EdgeFleet.BeatAllAsync(server);
        ring.Replace(later.Keys.Select(k => new TokenKey(k.Id, Convert.FromBase64String(k.Secret))));
        Assert.NotEqual(token.Split('.')[0], keys.Current.Id);
        Assert.True(PlaybackToken.Verify(token, "/media/0123456789abcdef/v1/master.m3u8", "eu", ring, clock.GetUtcNow()).Allowed);
    }

    [Fact]
    public async Task A_heartbeat_that_is_not_json_is_refused_with_a_problem_and_the_edge_is_not_registered()
    {
        using var broken = await EdgeFleet.BeatRawAsync(server, "{\"id\": \"eu-9\", \"region\": ");
        using var empty = await EdgeFleet.BeatRawAsync(server, "");
        using var wrongType = await EdgeFleet.BeatRawAsync(server, "[1, 2]");
        using var text = new HttpRequestMessage(HttpMethod.Post, EdgeHeartbeats.Path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") };
        text.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.EdgeKey);
        using var plain = await server.Http.SendAsync(text);
        using var admin = await TestAccounts.AdminClientAsync(server);

        foreach (var response in new[] { broken, empty, wrongType })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Send the heartbeat as JSON.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType!.MediaType);
        var edges = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
        Assert.DoesNotContain(edges.EnumerateArray(), e => e.GetProperty("id").GetString() == "eu-9");
    }

    [Fact]
    public async Task The_steering_manifest_reflects_health_now_and_clones_the_playlists_pathway_for_every_other_place()
    {
        await EdgeFleet.BeatAllAsync(server);
        var title = await TestAccounts.TitleAsync(server, "Steered");
        var (login, answer) = await PlayAsync(Viewers.De, title);
        var token = answer.GetProperty("token").GetString()!;
        var session = answer.GetProperty("leaseId").GetString()!;
        using var viewer = Viewers.From(server, Viewers.De);

        var before = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/steering/{session}/eu-1?token={token}");
        clock.Advance(TimeSpan.FromSeconds(10));
        await EdgeFleet.BeatAllAsync(server, except: "eu-1");
        var after = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/steering/{session}/eu-1?token={token}");
        using var otherSession = await viewer.GetAsync($"/api/v1/steering/someone-else/eu-1?token={token}");
        using var oddPathway = await viewer.GetAsync($"/api/v1/steering/{session}/eu-1%3Fx=1%23?token={token}");
        clock.Advance(TimeSpan.FromHours(9));
        using var expired = await viewer.GetAsync($"/api/v1/steering/{session}/eu-1?token={token}");

        Assert.Equal(1, before.GetProperty("VERSION").GetInt32());
        Assert.Equal(5, before.GetProperty("PATHWAY-PRIORITY").GetArrayLength());
        Assert.DoesNotContain("eu-1", after.GetProperty("PATHWAY-PRIORITY").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("origin", after.GetProperty("PATHWAY-PRIORITY").EnumerateArray().Last().GetString());
        var clones = after.GetProperty("PATHWAY-CLONES").EnumerateArray().ToList();
        Assert.All(clones, c => Assert.Equal("eu-1", c.GetProperty("BASE-ID").GetString()));
        Assert.Contains(clones, c => c.GetProperty("ID").GetString() == "eu-2" && c.GetProperty("URI-REPLACEMENT").GetProperty("HOST").GetString() == "127.0.0.1");
        Assert.Contains(clones, c => c.GetProperty("ID").GetString() == "origin" && c.GetProperty("URI-REPLACEMENT").GetProperty("HOST").GetString() == server.Address.Host);
        Assert.Equal(HttpStatusCode.Forbidden, otherSession.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oddPathway.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        login.Dispose();
    }

    [Fact]
    public async Task Edges_of_a_region_are_told_to_prefill_what_that_region_starts_watching()
    {
        var title = await TestAccounts.TitleAsync(server, "Popular In Germany");
        var prefix = await PrefixAsync(title);
        var store = server.App.Services.GetRequiredService<Marquee.Media.Storage.IObjectStore>();
        foreach (var name in new[] { "master.m3u8", "media_0.m3u8", "init-0.m4s", "seg-0-00001.m4s" })
        {
            await store.PutAsync(prefix[1..] + name, new MemoryStream([1, 2, 3]), "application/octet-stream", CancellationToken.None);
        }

        var before = await EdgeFleet.BeatAllAsync(server);
        (await PlayAsync(Viewers.De, title)).Client.Dispose();
        server.App.Services.GetRequiredService<FillPlanner>().Invalidate();
        using var euBeat = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101);
        using var usBeat = await EdgeFleet.BeatAsync(server, "us-1", "us", 8201);
        var eu = (await euBeat.Content.ReadFromJsonAsync<Marquee.Edge.ControlPlane.HeartbeatReply>(JsonSerializerOptions.Web))!.Fill;
        var us = (await usBeat.Content.ReadFromJsonAsync<Marquee.Edge.ControlPlane.HeartbeatReply>(JsonSerializerOptions.Web))!.Fill;

        Assert.Empty(before.Fill.Keys);
        Assert.Equal([prefix + "master.m3u8", prefix + "media_0.m3u8", prefix + "init-0.m4s", prefix + "seg-0-00001.m4s"], eu.Keys);
        Assert.Empty(us.Keys);
        Assert.Equal("02:00-06:00", eu.Window);
        Assert.True(eu.RateBytesPerSecond > 0);
        Assert.False(eu.Unchanged);
        Assert.NotEqual(eu.Version, us.Version);

        // An edge that says it holds this list gets the reply without the keys; one holding an older list gets it whole.
        using var heldBeat = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, fillVersion: eu.Version);
        using var staleBeat = await EdgeFleet.BeatAsync(server, "eu-1", "eu", 8101, fillVersion: before.Fill.Version);
        var held = (await heldBeat.Content.ReadFromJsonAsync<Marquee.Edge.ControlPlane.HeartbeatReply>(JsonSerializerOptions.Web))!.Fill;
        var stale = (await staleBeat.Content.ReadFromJsonAsync<Marquee.Edge.ControlPlane.HeartbeatReply>(JsonSerializerOptions.Web))!.Fill;

        Assert.True(held.Unchanged);
        Assert.Empty(held.Keys);
        Assert.Equal((eu.Version, eu.Window, eu.RateBytesPerSecond), (held.Version, held.Window, held.RateBytesPerSecond));
        Assert.False(stale.Unchanged);
        Assert.Equal(eu.Keys, stale.Keys);
    }

    private async Task<string> PrefixAsync(string titleId)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marquee.Origin.Data.MarqueeDbContext>();
        var title = await db.Titles.FindAsync(titleId);
        return $"/media/{title!.AssetId}/v1/";
    }

    private async Task<(HttpClient Client, JsonElement Answer)> PlayAsync(string address, string title)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await TestAccounts.SignedInClientAsync(server, email, "premium")).Dispose();
        var login = await TestAccounts.LoginAsync(server, email);
        var client = Viewers.From(server, address, login.AccessToken);
        using var response = await client.PostAsync($"/api/v1/playback/{title}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<List<PathwayView>> PathwaysAsync(string address, string title)
    {
        var (client, answer) = await PlayAsync(address, title);
        client.Dispose();
        return answer.GetProperty("pathways").Deserialize<List<PathwayView>>(JsonSerializerOptions.Web)!;
    }
}
