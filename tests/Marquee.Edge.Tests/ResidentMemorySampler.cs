using System.Diagnostics;

namespace Marquee.Edge.Tests;

/// <summary>Samples a process's resident memory every few milliseconds until disposed, keeping the peak.</summary>
public sealed class ResidentMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;
    private int samples;

    public ResidentMemorySampler(int pid)
    {
        var clock = Stopwatch.StartNew();
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var resident = EdgeProcess.ReadResidentBytes(pid);
                if (resident > Volatile.Read(ref peak))
                {
                    Volatile.Write(ref peak, resident);
                }

                Interlocked.Increment(ref samples);
                await Task.Delay(20, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            Elapsed = clock.Elapsed;
        });
    }

    public long Peak => Volatile.Read(ref peak);

    public int Samples => Volatile.Read(ref samples);

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Stops sampling; the figures are final afterwards.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }
}
