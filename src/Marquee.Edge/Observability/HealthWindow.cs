namespace Marquee.Edge.Observability;

/// <summary>
/// Counts of health signals over the last <see cref="Seconds"/> seconds, for <see cref="EdgeHealth"/> to judge
/// when asked. Recording sits on the request path, so it is one compare-and-swap per signal: each cell of the ring
/// holds the second it counts in its upper 32 bits and the count in its lower 32, so a cell from an older second
/// restarts at 1 in the same swap that counts, with no lock, no separate reset, no count lost at a second's turn
/// and no allocation. Seconds are counted from this window's creation on the injected clock.
/// </summary>
internal sealed class HealthWindow
{
    private const int Answered = 0;
    private const int Failed = 1;
    private const int Fetched = 2;
    private const int FetchFailed = 3;
    private const int SlowFetch = 4;
    private const int WriteFailed = 5;
    private const int DiskFull = 6;
    private const int Signals = 7;

    private readonly TimeProvider clock;
    private readonly long start;
    private readonly int slots;
    private readonly long[] cells;
    private readonly TimeSpan slowAfter;

    /// <param name="window">How far back the counts reach, in whole seconds.</param>
    /// <param name="slowAfter">A fetch whose response head took longer is counted as slow.</param>
    public HealthWindow(TimeProvider clock, TimeSpan window, TimeSpan slowAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        this.clock = clock;
        this.slowAfter = slowAfter;
        start = clock.GetTimestamp();
        Seconds = (int)Math.Ceiling(window.TotalSeconds);
        // One slot more than the window: the second being written never shares a slot with one still being read.
        slots = Seconds + 1;
        cells = new long[slots * Signals];
    }

    public int Seconds { get; }

    /// <summary>A media request answered; <paramref name="failed"/> for a 5xx or a response broken off.</summary>
    public void Answer(bool failed)
    {
        var second = CurrentSecond();
        Add(second, Answered);
        if (failed)
        {
            Add(second, Failed);
        }
    }

    /// <summary>An upstream fetch's response head (or its failure) arrived after <paramref name="toHead"/>.</summary>
    public void Fetch(bool failed, TimeSpan toHead)
    {
        var second = CurrentSecond();
        Add(second, Fetched);
        if (failed)
        {
            Add(second, FetchFailed);
        }

        if (toHead > slowAfter)
        {
            Add(second, SlowFetch);
        }
    }

    /// <summary>A fetch that had its head broke off in the body: counted as failed, not as another fetch.</summary>
    public void FetchBroke() => Add(CurrentSecond(), FetchFailed);

    public void CacheWriteFailure(bool diskFull)
    {
        var second = CurrentSecond();
        Add(second, WriteFailed);
        if (diskFull)
        {
            Add(second, DiskFull);
        }
    }

    /// <summary>The counts of the current second and the <see cref="Seconds"/> − 1 before it.</summary>
    public HealthCounts Read()
    {
        var now = CurrentSecond();
        Span<long> totals = stackalloc long[Signals];
        for (var slot = 0; slot < slots; slot++)
        {
            for (var signal = 0; signal < Signals; signal++)
            {
                var cell = Volatile.Read(ref cells[(slot * Signals) + signal]);
                var second = (uint)(cell >>> 32);
                if (second <= now && now - second < (uint)Seconds)
                {
                    totals[signal] += (uint)cell;
                }
            }
        }

        return new HealthCounts(totals[Answered], totals[Failed], totals[Fetched], totals[FetchFailed], totals[SlowFetch], totals[WriteFailed], totals[DiskFull]);
    }

    private void Add(uint second, int signal)
    {
        ref var cell = ref cells[((int)(second % (uint)slots) * Signals) + signal];
        var stamp = (long)second << 32;
        while (true)
        {
            var seen = Volatile.Read(ref cell);
            var seenSecond = (uint)(seen >>> 32);
            if (seenSecond > second)
            {
                // This caller stalled for a whole window and its slot moved on: the count belongs to no window any more.
                return;
            }

            // A count at its 32-bit limit within one second stays there rather than spilling into the stamp.
            var next = seenSecond == second ? ((uint)seen == uint.MaxValue ? seen : seen + 1) : stamp | 1;
            if (Interlocked.CompareExchange(ref cell, next, seen) == seen)
            {
                return;
            }
        }
    }

    private uint CurrentSecond() => (uint)((clock.GetTimestamp() - start) / clock.TimestampFrequency);
}
