namespace Marquee.Edge.Observability;

/// <summary>How full the tiers are, read by the gauges and the heartbeat snapshot.</summary>
internal readonly record struct CacheUsage(long DiskUsedBytes, long DiskCapacityBytes, long DiskObjects, long MemoryUsedBytes);
