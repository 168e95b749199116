using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Hosting;

/// <summary>The edge's log events, source-generated: several sit on paths every request can take.</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(1, LogLevel.Information, "Edge {Id} ({Region}) fetching from {Upstream}, cache {Directory} ({CacheBytes} bytes on disk, {MemoryBytes} in memory)")]
    public static partial void Starting(ILogger logger, string id, string region, Uri upstream, string directory, long cacheBytes, long memoryBytes);

    [LoggerMessage(2, LogLevel.Information, "Cache index rebuilt: {Objects} objects, {UsedBytes} of {CapacityBytes} bytes")]
    public static partial void CacheLoaded(ILogger logger, int objects, long usedBytes, long capacityBytes);

    [LoggerMessage(3, LogLevel.Warning, "Discarded cache file {Path}: incomplete or not a cache file")]
    public static partial void CacheFileDiscarded(ILogger logger, string path);

    [LoggerMessage(4, LogLevel.Error, "Cache writes are failing ({Reason}); serving fills as pass-through until a write succeeds")]
    public static partial void CacheWritesFailing(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Information, "Cache writes succeed again")]
    public static partial void CacheWritesRecovered(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Upstream fetch of {Key} failed: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string key, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Fill of {Key} broke off: {Reason}; its readers' responses were aborted and nothing was cached")]
    public static partial void FillBroken(ILogger logger, string key, string reason);

    [LoggerMessage(8, LogLevel.Information, "Served a stale copy of {Key} ({Staleness} past its freshness) because the upstream failed")]
    public static partial void ServedStale(ILogger logger, string key, TimeSpan staleness);

    [LoggerMessage(9, LogLevel.Debug, "Refused {Path}: {Status} {Reason}")]
    public static partial void Refused(ILogger logger, string path, int status, string reason);
}
