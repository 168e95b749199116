using System.Diagnostics.Metrics;
using Marquee.Edge.Caching;
using Marquee.Edge.Caching.Eviction;
using Marquee.Edge.Fill;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Edge.Tests.Observability;

/// <summary>
/// The judgement a heartbeat and /healthz carry, fed through the same <see cref="EdgeMetrics"/> calls the request
/// path makes, with time moved by the test: each rule, its threshold and minimum count, and recovery by itself.
/// </summary>
public sealed class EdgeHealthTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EdgeOptions options;
    private readonly EdgeMetrics metrics;
    private readonly DiskTier disk;
    private readonly EdgeHealth health;

    public EdgeHealthTests()
    {
        options = new EdgeOptions { CacheDirectory = TestPaths.NewScratchFolder("edge-health"), CacheSizeBytes = 64L * 1024 * 1024 };
        var window = new HealthWindow(clock, options.Health.Window, options.Health.UpstreamLatency);
        metrics = new EdgeMetrics(services.GetRequiredService<IMeterFactory>(), clock, new ConnectionCounter(), window);
        disk = new DiskTier(options, c => EvictionPolicies.Create(EvictionPolicies.Default, c), metrics, NullLogger<DiskTier>.Instance);
        disk.Load(CancellationToken.None);
        health = new EdgeHealth(window, disk, options.Health, NullLogger<EdgeHealth>.Instance);
    }

    public void Dispose()
    {
        metrics.Dispose();
        services.Dispose();
    }

    [Fact]
    public void An_edge_with_nothing_wrong_is_healthy()
    {
        Fetches(ok: 20);
        Answers(ok: 100);

        Assert.Equal(EdgeHealthReport.Healthy, health.Judge());
    }

    [Fact]
    public void Failing_upstream_fetches_degrade_the_edge_until_the_window_no_longer_holds_them()
    {
        Fetches(ok: 6, failed: 3);
        metrics.UpstreamFetch(FillStatus.GatewayTimeout, TimeSpan.FromMilliseconds(900));

        var report = health.Judge();
        clock.Advance(TimeSpan.FromSeconds(29));
        var later = health.Judge();
        clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = health.Judge();

        Assert.True(report.Degraded);
        Assert.Equal(["4 of 10 upstream fetches failed in the last 30 s"], report.Reasons);
        Assert.Equal(report, later, EquivalentReports);
        Assert.Equal(EdgeHealthReport.Healthy, recovered);
    }

    [Fact]
    public void Failures_below_the_ratio_or_the_minimum_count_and_upstream_404s_do_not_degrade()
    {
        Fetches(ok: 8, failed: 2);
        Assert.False(health.Judge().Degraded);

        clock.Advance(TimeSpan.FromMinutes(1));
        Fetches(failed: 9);
        Assert.False(health.Judge().Degraded);

        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
        {
            metrics.UpstreamFetch(FillStatus.NotFound, TimeSpan.FromMilliseconds(3));
        }

        Assert.False(health.Judge().Degraded);
    }

    [Fact]
    public void A_body_that_breaks_off_counts_as_a_failed_fetch()
    {
        Fetches(ok: 10);
        for (var i = 0; i < 3; i++)
        {
            metrics.UpstreamBroke();
        }

        Assert.Equal(["3 of 10 upstream fetches failed in the last 30 s"], health.Judge().Reasons);
    }

    [Fact]
    public void An_upstream_whose_median_time_to_answer_is_above_the_limit_degrades_the_edge()
    {
        for (var i = 0; i < 5; i++)
        {
            metrics.UpstreamFetch(FillStatus.Ok, TimeSpan.FromSeconds(1.5));
            metrics.UpstreamFetch(FillStatus.Ok, TimeSpan.FromMilliseconds(20));
        }

        // Half slow: the median is not above the limit yet.
        Assert.False(health.Judge().Degraded);

        metrics.UpstreamFetch(FillStatus.Ok, TimeSpan.FromSeconds(2));

        Assert.Equal(["upstream slow: 6 of 11 fetches took over 1 s to answer in the last 30 s"], health.Judge().Reasons);
    }

    [Fact]
    public void Answering_five_hundreds_degrades_the_edge_and_refusals_do_not_dilute_the_rate()
    {
        Answers(ok: 9, failed: 1);
        for (var i = 0; i < 100; i++)
        {
            metrics.Request(RequestOutcome.Refused, ServedFrom.Memory, 0);
        }

        Assert.Equal(["1 of 10 requests answered with an error (5xx) in the last 30 s"], health.Judge().Reasons);

        Answers(ok: 1);
        Assert.False(health.Judge().Degraded);
    }

    [Fact]
    public void Failing_cache_writes_mean_pass_through_until_a_write_succeeds_or_the_window_passes()
    {
        disk.WriteFailed(new IOException("No space left on device", 28));

        var full = health.Judge();
        clock.Advance(TimeSpan.FromSeconds(30));
        var idle = health.Judge();

        Assert.Equal(["cache writes failing (disk full); serving pass-through"], full.Reasons);
        // Still IsFailing (no write has succeeded since), but nothing in the window says so: an idle edge recovers.
        Assert.True(disk.IsFailing);
        Assert.Equal(EdgeHealthReport.Healthy, idle);

        disk.WriteFailed(new IOException("Input/output error", 5));
        Assert.Equal(["cache writes failing (1 write failed in the last 30 s); serving pass-through"], health.Judge().Reasons);
    }

    [Fact]
    public void A_cache_directory_that_refuses_a_file_means_pass_through_at_once()
    {
        Directory.Delete(disk.TempDirectory, recursive: true);

        var report = health.Judge();
        Directory.CreateDirectory(disk.TempDirectory);

        Assert.Equal(["cache directory not writable (directory missing); serving pass-through"], report.Reasons);
        Assert.False(health.Judge().Degraded);
    }

    [Fact]
    public void Every_problem_at_once_gives_every_reason()
    {
        disk.WriteFailed(new IOException("No space left on device", 28));
        Fetches(failed: 10);
        for (var i = 0; i < 11; i++)
        {
            metrics.UpstreamFetch(FillStatus.Ok, TimeSpan.FromSeconds(3));
        }

        Answers(failed: 10);

        Assert.Equal(
            [
                "cache writes failing (disk full); serving pass-through",
                "10 of 21 upstream fetches failed in the last 30 s",
                "upstream slow: 11 of 21 fetches took over 1 s to answer in the last 30 s",
                "10 of 10 requests answered with an error (5xx) in the last 30 s",
            ],
            health.Judge().Reasons);
    }

    private static bool EquivalentReports(EdgeHealthReport a, EdgeHealthReport b) => a.Degraded == b.Degraded && a.Reasons.SequenceEqual(b.Reasons);

    private void Fetches(int ok = 0, int failed = 0)
    {
        for (var i = 0; i < ok; i++)
        {
            metrics.UpstreamFetch(FillStatus.Ok, TimeSpan.FromMilliseconds(10));
        }

        for (var i = 0; i < failed; i++)
        {
            metrics.UpstreamFetch(FillStatus.BadGateway, TimeSpan.FromMilliseconds(2));
        }
    }

    private void Answers(int ok = 0, int failed = 0)
    {
        for (var i = 0; i < ok; i++)
        {
            metrics.Request(RequestOutcome.Hit, ServedFrom.Memory, 1000);
        }

        for (var i = 0; i < failed; i++)
        {
            metrics.Request(RequestOutcome.Error, ServedFrom.Upstream, 0);
        }
    }
}
