using Marquee.Edge.Observability;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Edge.Tests.Observability;

/// <summary>The per-second ring behind the health judgement: what it counts, for how long, and that concurrent counts are never lost.</summary>
public sealed class HealthWindowTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Counts_stay_for_the_window_and_then_leave_by_themselves()
    {
        var window = new HealthWindow(clock, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        window.Answer(failed: true);
        window.Fetch(failed: true, TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(10));
        window.Answer(failed: false);
        window.Fetch(failed: false, TimeSpan.FromMilliseconds(5));
        window.FetchBroke();
        window.CacheWriteFailure(diskFull: true);

        Assert.Equal(new HealthCounts(2, 1, 2, 2, 1, 1, 1), window.Read());

        // 29.x seconds after the first counts they are still in; at 30 they are out, and the later ones stay.
        clock.Advance(TimeSpan.FromSeconds(19.5));
        Assert.Equal(new HealthCounts(2, 1, 2, 2, 1, 1, 1), window.Read());
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(new HealthCounts(1, 0, 1, 1, 0, 1, 1), window.Read());

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(default, window.Read());
    }

    [Fact]
    public void A_slot_reused_after_a_full_turn_of_the_ring_starts_from_its_new_second()
    {
        var window = new HealthWindow(clock, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++)
        {
            window.Answer(failed: true);
        }

        // Six seconds later the same slot of the six-slot ring counts a new second: the old three must not carry over.
        clock.Advance(TimeSpan.FromSeconds(6));
        window.Answer(failed: false);

        Assert.Equal(new HealthCounts(1, 0, 0, 0, 0, 0, 0), window.Read());
    }

    [Fact]
    public void A_fetch_is_slow_only_when_its_head_took_longer_than_the_limit()
    {
        var window = new HealthWindow(clock, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        window.Fetch(failed: false, TimeSpan.FromMilliseconds(500));
        window.Fetch(failed: false, TimeSpan.FromMilliseconds(501));

        Assert.Equal(1, window.Read().SlowFetches);
    }

    [Fact]
    public async Task Concurrent_counts_across_a_turn_of_the_second_are_all_kept()
    {
        var window = new HealthWindow(clock, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        const int Threads = 4;
        const int PerThread = 50_000;
        using var go = new Barrier(Threads + 1);

        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                window.Answer(failed: (i & 1) == 0);
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        go.SignalAndWait();
        // Seconds turn while the workers count, so some counts land in the slots of new seconds.
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await Task.WhenAll(workers);

        Assert.Equal(new HealthCounts(Threads * PerThread, Threads * PerThread / 2, 0, 0, 0, 0, 0), window.Read());
    }
}
