namespace Marquee.Bench.Party.Simulation;

/// <summary>
/// The client's estimate of the server clock (contract: NTP four timestamps, keep the lowest-delay sample of the
/// last 8). All times in ms; t0 and t3 on the client's clock, t1 and t2 on the server's.
/// </summary>
internal sealed class ClockFilter
{
    public const int Window = 8;

    private readonly Queue<(double Offset, double Delay)> _samples = new();

    public int Count => _samples.Count;

    /// <summary>Server time minus client time, from the best sample; null before the first.</summary>
    public double? Offset => _samples.Count == 0 ? null : Best.Offset;

    /// <summary>Round trip of the best sample (network only: the server's own time is taken out).</summary>
    public double? Delay => _samples.Count == 0 ? null : Best.Delay;

    private (double Offset, double Delay) Best => _samples.MinBy(s => s.Delay);

    public static (double Offset, double Delay) Sample(double t0, double t1, double t2, double t3) =>
        ((t1 - t0 + (t2 - t3)) / 2, t3 - t0 - (t2 - t1));

    public void Add(double t0, double t1, double t2, double t3)
    {
        _samples.Enqueue(Sample(t0, t1, t2, t3));
        while (_samples.Count > Window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>After a reconnect the old path's samples say nothing about the new one.</summary>
    public void Clear() => _samples.Clear();
}
