namespace Marquee.Edge.Observability;

/// <summary>
/// Open client connections, counted by Kestrel connection middleware. Created before the service provider
/// (Kestrel's endpoint defaults are configured first), then shared with <see cref="EdgeMetrics"/>.
/// </summary>
internal sealed class ConnectionCounter
{
    private long active;

    public long Active => Volatile.Read(ref active);

    public void Opened() => Interlocked.Increment(ref active);

    public void Closed() => Interlocked.Decrement(ref active);
}
