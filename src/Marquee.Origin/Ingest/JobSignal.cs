namespace Marquee.Origin.Ingest;

/// <summary>Wakes this process's workers when a job is queued here, so they need not wait for the next poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public void Notify() => signal.Release();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
