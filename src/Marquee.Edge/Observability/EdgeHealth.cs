using System.Globalization;
using Marquee.Edge.Caching;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Observability;

/// <summary>
/// Judges whether this edge is degraded, when a heartbeat or <c>/healthz</c> asks: serving pass-through (the
/// cache directory refuses a file now, or cache writes failed within the window and none has succeeded since),
/// upstream fetches failing or slow, or too many of its own answers 5xx. The request path only counts
/// (<see cref="HealthWindow"/>); the judging, and the one small file the probe writes, happen here. Nothing is
/// latched: once the window no longer shows a problem, the edge is healthy again.
/// </summary>
internal sealed partial class EdgeHealth(HealthWindow window, DiskTier disk, EdgeHealthOptions options, ILogger<EdgeHealth> logger)
{
    private int degraded;

    public EdgeHealthReport Judge()
    {
        var counts = window.Read();
        var reasons = new List<string>(4);
        var span = Seconds(window.Seconds);

        if (CacheDirectoryProbe.Check(disk.TempDirectory) is { } unwritable)
        {
            reasons.Add($"cache directory not writable ({unwritable}); serving pass-through");
        }
        else if (disk.IsFailing && counts.CacheWriteFailures > 0)
        {
            // IsFailing alone would latch until a write succeeds, which an idle edge never tries: the window decides.
            reasons.Add(counts.DiskFullFailures > 0
                ? "cache writes failing (disk full); serving pass-through"
                : $"cache writes failing ({Of(counts.CacheWriteFailures, "write")} failed in the last {span}); serving pass-through");
        }

        if (counts.Fetches >= options.MinimumSamples)
        {
            var failures = Math.Min(counts.FetchFailures, counts.Fetches);
            if (failures >= options.UpstreamFailureRatio * counts.Fetches)
            {
                reasons.Add($"{failures} of {counts.Fetches} upstream fetches failed in the last {span}");
            }

            // More than half slower than the limit is the same as a median above it.
            if (counts.SlowFetches * 2 > counts.Fetches)
            {
                reasons.Add($"upstream slow: {counts.SlowFetches} of {counts.Fetches} fetches took over {Seconds(options.UpstreamLatency)} to answer in the last {span}");
            }
        }

        if (counts.Answered >= options.MinimumSamples && counts.Failed >= options.ErrorRatio * counts.Answered)
        {
            reasons.Add($"{counts.Failed} of {counts.Answered} requests answered with an error (5xx) in the last {span}");
        }

        var report = reasons.Count == 0 ? EdgeHealthReport.Healthy : new EdgeHealthReport(true, reasons);
        LogChange(report);
        return report;
    }

    private void LogChange(EdgeHealthReport report)
    {
        var now = report.Degraded ? 1 : 0;
        if (Interlocked.Exchange(ref degraded, now) == now)
        {
            return;
        }

        if (report.Degraded)
        {
            LogDegraded(logger, string.Join("; ", report.Reasons));
        }
        else
        {
            LogRecovered(logger);
        }
    }

    private static string Of(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Seconds(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) ? $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Seconds(int value) => Seconds(TimeSpan.FromSeconds(value));

    [LoggerMessage(Level = LogLevel.Warning, Message = "This edge is degraded: {Reasons}")]
    private static partial void LogDegraded(ILogger logger, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "This edge is healthy again")]
    private static partial void LogRecovered(ILogger logger);
}
