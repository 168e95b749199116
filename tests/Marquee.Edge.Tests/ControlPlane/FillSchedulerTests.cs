using System.Collections.Concurrent;
using Marquee.Edge.ControlPlane;
using Marquee.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Edge.Tests.ControlPlane;

/// <summary>The scheduler with a recording fetch function in place of the cache, and time moved by the test.</summary>
public sealed class FillSchedulerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> fetched = new();

    private FillScheduler Scheduler(long bytesEach) => new((key, _) =>
    {
        fetched.Enqueue(key);
        return Task.FromResult(bytesEach);
    }, clock, NullLogger<FillScheduler>.Instance);

    [Fact]
    public async Task Nothing_is_fetched_outside_the_window_and_everything_in_order_inside_it_at_the_plans_rate()
    {
        using var scheduler = Scheduler(bytesEach: 1_000_000);
        scheduler.Update(new FillPlan("02:00-06:00", 1_000_000, ["/media/a/v1/master.m3u8", "/media/a/v1/seg-0-00001.m4s", "/media/a/v1/seg-0-00002.m4s"]));
        await scheduler.StartAsync(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Empty(fetched);

        clock.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => fetched.Count == 1, "the first object is fetched at the window's start");
        await Task.Delay(100);
        Assert.Single(fetched);

        // 1 MB at 1 MB/s: the next fetch waits one second of the scheduler's clock.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => fetched.Count == 2, "the second object follows after one second");
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => fetched.Count == 3, "the third object follows after another second");
        Assert.Equal(["/media/a/v1/master.m3u8", "/media/a/v1/seg-0-00001.m4s", "/media/a/v1/seg-0-00002.m4s"], fetched);
        Assert.Equal(3_000_000, scheduler.FilledBytes);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Objects_already_cached_cost_no_wait_and_an_unreadable_window_means_no_fill()
    {
        using var scheduler = Scheduler(bytesEach: 0);
        scheduler.Update(new FillPlan("nonsense", 1, ["/media/a/v1/x.m4s"]));
        await scheduler.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Empty(fetched);

        scheduler.Update(new FillPlan("00:00-24:00", 1, ["/media/a/v1/x.m4s", "/media/a/v1/y.m4s", "/media/a/v1/z.m4s"]));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => fetched.Count == 3, "cached objects go by without waiting");
        Assert.Equal(0, scheduler.FilledObjects);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_reply_that_says_the_list_is_unchanged_keeps_the_keys_held_and_where_the_fill_got_to()
    {
        using var scheduler = Scheduler(bytesEach: 0);
        Assert.Null(scheduler.Version);
        scheduler.Update(new FillPlan("00:00-00:00", 1, ["/media/a/v1/x.m4s", "/media/a/v1/y.m4s"], "v-1"));
        await scheduler.StartAsync(CancellationToken.None);
        Assert.Equal("v-1", scheduler.Version);

        // The window opens in an answer without keys: the keys held are fetched.
        scheduler.Update(new FillPlan("00:00-24:00", 1, [], "v-1", Unchanged: true));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => fetched.Count == 2, "the held keys are fetched once the window opens");
        Assert.Equal("v-1", scheduler.Version);

        // Still unchanged: nothing starts over.
        scheduler.Update(new FillPlan("00:00-24:00", 1, [], "v-1", Unchanged: true));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Equal(2, fetched.Count);

        // "Unchanged" naming a list this edge does not hold: keep what is held, and ask for the whole list next time.
        scheduler.Update(new FillPlan("00:00-24:00", 1, [], "v-2", Unchanged: true));
        Assert.Null(scheduler.Version);
        await scheduler.StopAsync(CancellationToken.None);
    }
}
