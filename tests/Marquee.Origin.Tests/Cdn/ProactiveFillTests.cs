using System.Globalization;
using System.Net;
using Marquee.Media.Storage;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Cdn;

/// <summary>Open Connect style pre-filling between a real origin and a real edge process.</summary>
public sealed class ProactiveFillTests
{
    [Fact]
    public async Task An_edge_preloads_what_its_region_started_watching_without_any_viewer_asking_it()
    {
        await using var origin = await OriginServer.StartAsync(null,
            "--Steering:HeartbeatSeconds", "1", "--Fill:Window", "00:00-24:00", "--Fill:RateBytesPerSecond", "100000000", "--Accounts:AuthRequestsPerMinute", "1000");
        var id = await origin.IngestAsync(await Clips.GetAsync(new ClipSpec(Seconds: 9)), "Prefilled");
        await origin.WaitForTitleAsync(id);
        await using var edge = await EdgeProcess.StartAsync(origin, "us-f", "us");
        var objects = await ObjectsAsync(origin, id);

        (await TestAccounts.SignedInClientAsync(origin, "fill@example.com", "premium")).Dispose();
        var login = await TestAccounts.LoginAsync(origin, "fill@example.com");
        using var american = Viewers.From(origin, Viewers.Us, login.AccessToken);
        using var started = await american.PostAsync($"/api/v1/playback/{id}", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        origin.App.Services.GetRequiredService<FillPlanner>().Invalidate();

        using var http = new HttpClient();
        await Eventually.TrueAsync(async () => Metric(await http.GetStringAsync(new Uri(edge.Address, "metrics")), "marquee_edge_cache_objects") >= objects,
            $"the edge holds all {objects} objects of the title", TimeSpan.FromSeconds(60));
        var metrics = await http.GetStringAsync(new Uri(edge.Address, "metrics"));
        Assert.True(Metric(metrics, "marquee_edge_upstream_fetches_total") >= objects, metrics);
        Assert.DoesNotContain("marquee_edge_bytes_served", metrics, StringComparison.Ordinal);
    }

    private static async Task<int> ObjectsAsync(OriginServer origin, string titleId)
    {
        await using var scope = origin.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marquee.Origin.Data.MarqueeDbContext>();
        var asset = (await db.Titles.FindAsync(titleId))!.AssetId;
        var count = 0;
        await foreach (var _ in origin.App.Services.GetRequiredService<IObjectStore>().ListAsync($"media/{asset}/v1/", CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>The sum of a metric's samples in Prometheus text (0 when absent).</summary>
    private static double Metric(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
