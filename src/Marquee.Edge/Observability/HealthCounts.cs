namespace Marquee.Edge.Observability;

/// <summary>What <see cref="HealthWindow"/> saw over its window: the evidence <see cref="EdgeHealth"/> judges.</summary>
/// <param name="Answered">Media requests this edge answered (refusals of bad tokens not counted: a flood of them must not hide errors).</param>
/// <param name="Failed">Of those, the ones answered with a 5xx or broken off.</param>
/// <param name="Fetches">Upstream fetches started (by viewers or pre-fill).</param>
/// <param name="FetchFailures">Fetches that got no usable answer (refused, 5xx, timeout) or whose body broke off.</param>
/// <param name="SlowFetches">Fetches whose response head took longer than the configured latency.</param>
/// <param name="CacheWriteFailures">Cache writes that failed, each a fill passed through uncached.</param>
/// <param name="DiskFullFailures">Of those, the ones that failed for lack of space.</param>
internal readonly record struct HealthCounts(
    long Answered,
    long Failed,
    long Fetches,
    long FetchFailures,
    long SlowFetches,
    long CacheWriteFailures,
    long DiskFullFailures);
