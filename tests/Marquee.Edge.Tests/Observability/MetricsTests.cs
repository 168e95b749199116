using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Observability;

/// <summary>/metrics, /healthz and the load snapshot the heartbeat sends.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task The_snapshot_counts_requests_hits_bytes_and_cache_use()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address);
        var segment = TestBytes.Make(100_000);
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", segment);

        await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s"));
        // The fill publishes just after its last byte reaches the client; a request before that would join the fill.
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the fill is published");
        for (var i = 0; i < 3; i++)
        {
            await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s"));
        }

        await edge.Http.GetAsync(EdgeServer.Asset + "seg-1.m4s");
        // A request is counted when it finishes, which can be just after the client has the whole answer.
        await Eventually.TrueAsync(() => edge.Metrics.Snapshot().Requests == 5, "five requests counted");
        var load = edge.Metrics.Snapshot();

        Assert.Equal(5, load.Requests);
        Assert.Equal(0.75, load.ObjectHitRatio, 3);
        Assert.Equal(0.75, load.ByteHitRatio, 3);
        Assert.True(load.EgressBytesPerSecond > 0);
        Assert.True(load.ActiveConnections >= 1);
        Assert.Equal(100_000 + 4096, load.CacheUsedBytes);
        Assert.Equal(edge.Options.CacheSizeBytes, load.CacheCapacityBytes);
        Assert.Equal(1, edge.Total("marquee.edge.upstream.fetches"));
    }

    [Fact]
    public async Task Metrics_are_served_as_prometheus_text_and_health_as_text()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address);
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", TestBytes.Make(1000));
        await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s"));
        await Eventually.TrueAsync(() => edge.Total("marquee.edge.requests") == 1, "the request counted");

        var metrics = await edge.Http.GetStringAsync("/metrics");
        using var health = await edge.Http.GetAsync("/healthz");

        Assert.Contains("marquee_edge_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"miss\"", metrics, StringComparison.Ordinal);
        Assert.Contains("marquee_edge_upstream_fetches_total", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bytes_sent_for_downloads_are_counted_apart_as_well_as_with_the_rest()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address);
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", TestBytes.Make(10_000));
        var download = edge.Token(download: true);

        await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s", download));
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the fill is published");
        await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s", download));
        await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s"));
        await Eventually.TrueAsync(() => edge.Total("marquee.edge.requests") == 3, "three requests counted");

        Assert.Equal(20_000, edge.Total("marquee.edge.download_bytes"));
        Assert.Equal(30_000, edge.Total("marquee.edge.bytes_served"));
        Assert.Contains("marquee_edge_download_bytes_total", await edge.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }
}
