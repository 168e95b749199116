using System.Net;
using Marquee.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Edge.Tests.Observability;

/// <summary>
/// A real edge turning degraded and back, as <c>/healthz</c> (and the heartbeat, which carries the same judgement)
/// shows it: its upstream gone, its upstream slow, and its cache directory made truly read-only mid-run.
/// </summary>
public sealed class DegradedEdgeTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_edge_whose_upstream_is_down_says_it_is_degraded_and_why_and_recovers_once_the_window_has_passed()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, clock: clock);
        var before = await edge.Http.GetStringAsync("/healthz");

        await upstream.StopAsync();
        for (var i = 0; i < 10; i++)
        {
            using var response = await edge.Http.GetAsync(edge.Url($"seg-{i}.m4s"));
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        // A request is counted when its handler finishes, which can be just after the client has the answer.
        await Eventually.TrueAsync(() => edge.Metrics.Snapshot().Requests == 10, "ten requests counted");
        using var degraded = await edge.Http.GetAsync("/healthz");
        clock.Advance(TimeSpan.FromSeconds(30));
        var after = await edge.Http.GetStringAsync("/healthz");

        Assert.Equal("Healthy", before);
        // Still 200: a degraded edge serves, and load balancers must not take it out.
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal(
            "Degraded\n10 of 10 upstream fetches failed in the last 30 s\n10 of 10 requests answered with an error (5xx) in the last 30 s",
            await degraded.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", after);
    }

    [Fact]
    public async Task An_edge_whose_upstream_takes_too_long_to_answer_says_it_is_degraded()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o => o.Health.MinimumSamples = 1, clock);
        upstream.Put(EdgeServer.Asset + "slow.m4s", TestBytes.Make(1000));
        var hold = upstream.HoldAfter(EdgeServer.Asset + "slow.m4s", 0, beforeHeaders: true);

        var fetching = edge.Http.GetByteArrayAsync(edge.Url("slow.m4s"));
        await hold.Reached.Task;
        // The time to the response head is measured on the edge's clock, which the test moves while the upstream holds.
        clock.Advance(TimeSpan.FromSeconds(2));
        hold.Release();
        await fetching;

        Assert.Equal("Degraded\nupstream slow: 1 of 1 fetches took over 1 s to answer in the last 30 s", await edge.Http.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task An_edge_whose_cache_directory_turns_read_only_serves_pass_through_says_so_and_recovers_when_it_is_writable_again()
    {
        await using var cache = await ReadOnlyDirectory.CreateAsync(TestPaths.NewScratchFolder("edge-read-only"));
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o => o.MemoryBytes = 0, cacheDirectory: cache.Path);
        var (a, b, c) = (TestBytes.Make(50_000, seed: 1), TestBytes.Make(50_000, seed: 2), TestBytes.Make(50_000, seed: 3));
        upstream.Put(EdgeServer.Asset + "a.m4s", a);
        upstream.Put(EdgeServer.Asset + "b.m4s", b);
        upstream.Put(EdgeServer.Asset + "c.m4s", c);
        await edge.Http.GetByteArrayAsync(edge.Url("a.m4s"));
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "a is cached");
        var before = await edge.Http.GetStringAsync("/healthz");

        await cache.MakeReadOnlyAsync();
        var passedThrough = new[] { await edge.Http.GetByteArrayAsync(edge.Url("b.m4s")), await edge.Http.GetByteArrayAsync(edge.Url("b.m4s")) };
        var cached = await edge.Http.GetByteArrayAsync(edge.Url("a.m4s"));
        var whileReadOnly = await edge.Http.GetStringAsync("/healthz");

        await cache.MakeWritableAsync();
        var stillFailing = await edge.Http.GetStringAsync("/healthz");
        Assert.Equal(c, await edge.Http.GetByteArrayAsync(edge.Url("c.m4s")));
        // The first write that succeeds again is what clears the failing state, just after the last byte went out.
        await Eventually.TrueAsync(() => edge.Disk.Count == 2, "c is cached");
        var after = await edge.Http.GetStringAsync("/healthz");

        Assert.Equal("Healthy", before);
        Assert.All(passedThrough, body => Assert.Equal(b, body));
        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + "b.m4s"));
        Assert.Equal(a, cached);
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "a.m4s"));
        Assert.Equal("Degraded\ncache directory not writable (read-only file system); serving pass-through", whileReadOnly);
        // Writable again, but nothing has been written yet: the failed writes of the window still speak.
        Assert.StartsWith("Degraded\ncache writes failing (", stillFailing, StringComparison.Ordinal);
        Assert.Equal("Healthy", after);
    }
}
