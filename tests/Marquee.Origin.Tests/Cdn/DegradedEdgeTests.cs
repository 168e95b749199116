using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Media.Storage;
using Marquee.Origin.Data;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Cdn;

/// <summary>
/// Two real edge processes of region eu beside a real origin; one's cache directory is made read-only mid-run (a
/// read-only bind mount, which stops root too). It keeps serving, by pass-through; its heartbeat says degraded and
/// why; the origin ranks it after the healthy edge, in the playback answer and the steering manifest; the admin
/// API shows the reason; and once the directory is writable again the edge recovers by itself.
/// </summary>
public sealed class DegradedEdgeTests : IAsyncLifetime
{
    private OriginServer server = null!;
    private ReadOnlyDirectory cache = null!;
    private EdgeProcess failing = null!;
    private EdgeProcess healthy = null!;

    public async ValueTask InitializeAsync()
    {
        // Five missed one-second heartbeats take an edge out: a loaded machine can stall a live edge for two.
        server = await OriginServer.StartAsync(null,
            "--Steering:HeartbeatSeconds", "1", "--Steering:MissedHeartbeats", "5", "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");
        cache = await ReadOnlyDirectory.CreateAsync(TestPaths.NewScratchFolder("edge-eu-ro"));
        failing = await EdgeProcess.StartAsync(server, "eu-ro", "eu", cache: cache.Path);
        healthy = await EdgeProcess.StartAsync(server, "eu-ok", "eu");
    }

    public async ValueTask DisposeAsync()
    {
        await failing.DisposeAsync();
        await healthy.DisposeAsync();
        await cache.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task An_edge_whose_cache_turns_read_only_keeps_serving_is_ranked_after_the_healthy_edge_and_recovers()
    {
        var title = await TestAccounts.TitleAsync(server, "Read-only Film");
        var prefix = await PrefixAsync(title);
        var segments = new[] { TestBytes(1), TestBytes(2), TestBytes(3) };
        var store = server.App.Services.GetRequiredService<IObjectStore>();
        for (var i = 0; i < segments.Length; i++)
        {
            await store.PutAsync($"{prefix[1..]}seg-{i}.m4s", new MemoryStream(segments[i]), "video/iso.segment", CancellationToken.None);
        }

        var token = server.MediaToken(prefix);
        using var http = new HttpClient();
        Uri Segment(int i) => new(failing.Address, $"{prefix}seg-{i}.m4s?token={token}");
        Assert.Equal(segments[0], await http.GetByteArrayAsync(Segment(0)));
        await Eventually.TrueAsync(() => CachedFiles() == 1, "seg-0 is cached");
        using var admin = await TestAccounts.AdminClientAsync(server);
        Assert.False((await EdgeAsync(admin, "eu-ro")).GetProperty("degraded").GetBoolean());

        await cache.MakeReadOnlyAsync();
        var passedThrough = new[] { await http.GetByteArrayAsync(Segment(1)), await http.GetByteArrayAsync(Segment(1)) };
        var fromCache = await http.GetByteArrayAsync(Segment(0));
        var edgeSays = await http.GetStringAsync(new Uri(failing.Address, "/healthz"));
        await Eventually.TrueAsync(async () => (await EdgeAsync(admin, "eu-ro")).GetProperty("degraded").GetBoolean(), "the origin hears eu-ro is degraded", TimeSpan.FromSeconds(30));
        var listed = await EdgeAsync(admin, "eu-ro");
        var ranked = await RankingsAsync();
        var (playback, manifest) = await PlayAsync(title);

        Assert.All(passedThrough, body => Assert.Equal(segments[1], body));
        Assert.Equal(segments[0], fromCache);
        Assert.Equal(1, CachedFiles());
        Assert.Equal("Degraded\ncache directory not writable (read-only file system); serving pass-through", edgeSays);
        Assert.True(listed.GetProperty("live").GetBoolean());
        Assert.True(listed.GetProperty("healthy").GetBoolean());
        Assert.Equal("cache directory not writable (read-only file system); serving pass-through", listed.GetProperty("degradedReason").GetString());
        Assert.False((await EdgeAsync(admin, "eu-ok")).GetProperty("degraded").GetBoolean());
        Assert.All(ranked, order => Assert.Equal(["eu-ok", "eu-ro"], order));
        Assert.Equal([healthy.Address.GetLeftPart(UriPartial.Authority), failing.Address.GetLeftPart(UriPartial.Authority)], playback.Take(2));
        Assert.Equal(["eu-ok", "eu-ro", "origin"], manifest);
        // A read-only directory also stops the edge saving its token keys; the heartbeat carries on regardless.
        Assert.Contains("Could not save the token keys", failing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", failing.Output, StringComparison.Ordinal);

        await cache.MakeWritableAsync();
        Assert.Equal(segments[2], await http.GetByteArrayAsync(Segment(2)));
        // The first cache write that succeeds clears the failing state; the next heartbeat tells the origin.
        await Eventually.TrueAsync(() => CachedFiles() == 2, "seg-2 is cached");
        await Eventually.TrueAsync(async () => !(await EdgeAsync(admin, "eu-ro")).GetProperty("degraded").GetBoolean(), "the origin hears eu-ro recovered", TimeSpan.FromSeconds(30));
        var recovered = await RankingsAsync();

        Assert.Equal("Healthy", await http.GetStringAsync(new Uri(failing.Address, "/healthz")));
        Assert.Equal(JsonValueKind.Null, (await EdgeAsync(admin, "eu-ro")).GetProperty("degradedReason").ValueKind);
        // Rendezvous hashing again gives eu-ro its own share of the assets.
        Assert.Contains(recovered, order => order[0] == "eu-ro");
        Assert.Contains(recovered, order => order[0] == "eu-ok");
    }

    private static byte[] TestBytes(int seed)
    {
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private int CachedFiles()
    {
        var objects = Path.Combine(cache.Path, "objects");
        return Directory.Exists(objects) ? Directory.EnumerateFiles(objects, "*.obj", SearchOption.AllDirectories).Count() : 0;
    }

    private static async Task<JsonElement> EdgeAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges")).EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    /// <summary>The eu order the origin gives 50 assets now.</summary>
    private async Task<List<List<string>>> RankingsAsync()
    {
        var ranker = server.App.Services.GetRequiredService<SteeringRanker>();
        var edges = await server.App.Services.GetRequiredService<EdgeDirectory>().CurrentAsync(CancellationToken.None);
        return [.. Enumerable.Range(0, 50).Select(i => ranker.Rank(edges, "eu", $"asset{i}").Select(e => e.Id).ToList())];
    }

    /// <summary>A viewer in Germany starts the title: the edges of the answer, and the pathway order its steering manifest gives.</summary>
    private async Task<(List<string> Edges, List<string> Pathways)> PlayAsync(string title)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await TestAccounts.SignedInClientAsync(server, email, "premium")).Dispose();
        var login = await TestAccounts.LoginAsync(server, email);
        using var viewer = Viewers.From(server, Viewers.De, login.AccessToken);
        using var response = await viewer.PostAsync($"/api/v1/playback/{title}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var session = answer.GetProperty("leaseId").GetString();
        var token = answer.GetProperty("token").GetString();
        var manifest = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/steering/{session}/eu-ro?token={token}");
        return (
            [.. answer.GetProperty("edges").EnumerateArray().Select(e => e.GetString()!)],
            [.. manifest.GetProperty("PATHWAY-PRIORITY").EnumerateArray().Select(p => p.GetString()!)]);
    }

    private async Task<string> PrefixAsync(string titleId)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var title = await db.Titles.FindAsync(titleId);
        return $"/media/{title!.AssetId}/v1/";
    }
}
