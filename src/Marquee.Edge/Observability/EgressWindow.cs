namespace Marquee.Edge.Observability;

/// <summary>
/// Bytes sent per second over the last <see cref="Seconds"/> seconds: one bucket per second in a ring, each
/// tagged with the second it counts so a stale bucket reads as zero. Lock-free: adds race only with the
/// reset of a bucket at a second's turn, which can lose a few bytes of one second, fine for a load signal.
/// </summary>
internal sealed class EgressWindow(TimeProvider clock)
{
    public const int Seconds = 10;

    private readonly long[] bytes = new long[Seconds + 1];
    private readonly long[] stamps = new long[Seconds + 1];

    public void Add(long count)
    {
        var second = CurrentSecond();
        var slot = (int)(second % bytes.Length);
        if (Volatile.Read(ref stamps[slot]) != second)
        {
            // First add of a new second in this slot: whoever swaps the stamp clears the old count.
            var old = Volatile.Read(ref stamps[slot]);
            if (old != second && Interlocked.CompareExchange(ref stamps[slot], second, old) == old)
            {
                Interlocked.Exchange(ref bytes[slot], 0);
            }
        }

        Interlocked.Add(ref bytes[slot], count);
    }

    /// <summary>The average over the last complete <see cref="Seconds"/> seconds plus the current one, per second.</summary>
    public double BytesPerSecond()
    {
        var now = CurrentSecond();
        long total = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var stamp = Volatile.Read(ref stamps[i]);
            if (stamp > now - bytes.Length && stamp <= now)
            {
                total += Volatile.Read(ref bytes[i]);
            }
        }

        return total / (double)bytes.Length;
    }

    private long CurrentSecond() => clock.GetTimestamp() / clock.TimestampFrequency;
}
