using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.ControlPlane;

/// <summary>
/// Pre-loads the control plane's fill list into this edge's cache, most popular first, only inside the fill window
/// and no faster than the plan's rate: after fetching n bytes it waits n ÷ rate seconds, so the average stays at
/// or below the rate however large each object is. Objects already cached cost nothing and no wait.
/// </summary>
public sealed partial class FillScheduler(Func<string, CancellationToken, Task<long>> prefetch, TimeProvider clock, ILogger<FillScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private FillPlan plan = FillPlan.None;
    private FillWindow window = FillWindow.Never;
    private int next;
    private long filledObjects;
    private long filledBytes;

    public long FilledObjects => Interlocked.Read(ref filledObjects);

    public long FilledBytes => Interlocked.Read(ref filledBytes);

    /// <summary>The version of the list this edge holds, for its next heartbeat; null before the first list, or when it is unsure.</summary>
    public string? Version
    {
        get
        {
            lock (gate)
            {
                return plan.Version;
            }
        }
    }

    /// <summary>
    /// Takes the latest plan from a heartbeat reply; a changed list starts again from its top. A reply that says the
    /// list is unchanged keeps the keys held (and where the fill got to) and takes only the window and rate.
    /// </summary>
    public void Update(FillPlan latest)
    {
        lock (gate)
        {
            if (!FillWindow.TryParse(latest.Window, out var parsed))
            {
                LogBadWindow(logger, latest.Window);
                parsed = FillWindow.Never;
            }

            window = parsed;
            if (latest.Unchanged)
            {
                // Only ever an answer to the version this edge sent; should it name another, ask for the whole list again.
                plan = latest with { Keys = plan.Keys, Version = latest.Version == plan.Version ? plan.Version : null, Unchanged = false };
                return;
            }

            if (!latest.Keys.SequenceEqual(plan.Keys))
            {
                next = 0;
            }

            plan = latest;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var (key, rate) = Next();
            if (key is null)
            {
                await Task.Delay(Idle, clock, stoppingToken);
                continue;
            }

            long bytes;
            try
            {
                bytes = await prefetch(key, stoppingToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
            {
                LogFailed(logger, key, e.Message);
                await Task.Delay(Idle, clock, stoppingToken);
                continue;
            }

            if (bytes > 0)
            {
                Interlocked.Increment(ref filledObjects);
                Interlocked.Add(ref filledBytes, bytes);
                await Task.Delay(TimeSpan.FromSeconds((double)bytes / rate), clock, stoppingToken);
            }
        }
    }

    private (string? Key, long Rate) Next()
    {
        lock (gate)
        {
            if (plan.RateBytesPerSecond <= 0 || next >= plan.Keys.Count || !window.Contains(clock.GetUtcNow()))
            {
                return (null, 0);
            }

            return (plan.Keys[next++], plan.RateBytesPerSecond);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control plane sent a fill window this edge cannot read: '{Window}'; not pre-filling.")]
    private static partial void LogBadWindow(ILogger logger, string window);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-filling {Key} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string reason);
}
