namespace Marquee.Edge.FastPath;

/// <summary>
/// The deadline of the send under way, if any, read by the connection's heartbeat (once a second) to drop a client
/// that stopped reading: no timer, no allocation per send. Ticks are the clock's timestamps.
/// </summary>
internal sealed class SendClock(TimeProvider clock)
{
    private long deadline = long.MaxValue;

    public void Start(int bytes, TimeSpan grace, double minBytesPerSecond) =>
        Volatile.Write(ref deadline, clock.GetTimestamp() + (long)((grace.TotalSeconds + (bytes / minBytesPerSecond)) * clock.TimestampFrequency));

    public void Stop() => Volatile.Write(ref deadline, long.MaxValue);

    public bool Expired => clock.GetTimestamp() > Volatile.Read(ref deadline);
}
