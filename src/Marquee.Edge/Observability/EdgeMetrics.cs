using System.Diagnostics.Metrics;
using Marquee.Edge.Fill;

namespace Marquee.Edge.Observability;

/// <summary>
/// The edge's instruments (meter <c>Marquee.Edge</c>, exported at <c>/metrics</c>) and the running totals behind
/// <see cref="Snapshot"/>, which the heartbeat sends to the control plane. The totals are kept here rather than
/// read back from the exporter because the heartbeat must not depend on metrics being scraped. The events that
/// bear on health (answers, upstream fetches, failed cache writes) also go to the <see cref="HealthWindow"/>.
/// </summary>
public sealed class EdgeMetrics : IDisposable
{
    public const string MeterName = "Marquee.Edge";

    // Tag values made once: Counter.Add with a prepared KeyValuePair allocates nothing per request.
    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
        Enum.GetValues<RequestOutcome>().Select(o => new KeyValuePair<string, object?>("outcome", o.ToString().ToLowerInvariant())).ToArray();

    private static readonly KeyValuePair<string, object?>[] FetchTags =
        Enum.GetValues<FillStatus>().Select(s => new KeyValuePair<string, object?>("result", s.ToString().ToLowerInvariant())).ToArray();

    private static readonly KeyValuePair<string, object?> DiskFullTag = new("reason", "disk_full");
    private static readonly KeyValuePair<string, object?> WriteFailedTag = new("reason", "write_failed");

    private static readonly KeyValuePair<string, object?>[] TierTags =
    [
        new("tier", "memory"),
        new("tier", "disk"),
        new("tier", "upstream"),
    ];

    private readonly Meter meter;
    private readonly Counter<long> requests;
    private readonly Counter<long> bytesServed;
    private readonly Counter<long> downloadBytes;
    private readonly Counter<long> objectHits;
    private readonly Counter<long> objectMisses;
    private readonly Counter<long> byteHits;
    private readonly Counter<long> byteMisses;
    private readonly Counter<long> upstreamFetches;
    private readonly Counter<long> coalescedWaiters;
    private readonly Counter<long> staleServes;
    private readonly Counter<long> passThrough;
    private readonly Counter<long> evictions;
    private readonly EgressWindow egress;
    private readonly ConnectionCounter connections;
    private readonly HealthWindow health;

    private long totalRequests;
    private long hitObjects;
    private long missObjects;
    private long hitBytes;
    private long missBytes;
    private Func<CacheUsage> cacheUsage = () => default;

    internal EdgeMetrics(IMeterFactory factory, TimeProvider clock, ConnectionCounter connections, HealthWindow health)
    {
        this.connections = connections;
        this.health = health;
        egress = new EgressWindow(clock);
        meter = factory.Create(MeterName);
        requests = meter.CreateCounter<long>("marquee.edge.requests", "{request}", "Media requests, by outcome: hit, miss, coalesced, stale, pass, refused, notfound, error.");
        bytesServed = meter.CreateCounter<long>("marquee.edge.bytes_served", "By", "Body bytes sent to clients, by the tier they came from.");
        downloadBytes = meter.CreateCounter<long>("marquee.edge.download_bytes", "By", "Body bytes sent for offline downloads (also in bytes_served).");
        objectHits = meter.CreateCounter<long>("marquee.edge.cache.object_hits", "{request}", "Requests answered from the cache (fresh or stale).");
        objectMisses = meter.CreateCounter<long>("marquee.edge.cache.object_misses", "{request}", "Requests answered from an upstream fetch (started, joined or passed through).");
        byteHits = meter.CreateCounter<long>("marquee.edge.cache.byte_hits", "By", "Body bytes sent from the cache.");
        byteMisses = meter.CreateCounter<long>("marquee.edge.cache.byte_misses", "By", "Body bytes sent from upstream fetches.");
        upstreamFetches = meter.CreateCounter<long>("marquee.edge.upstream.fetches", "{fetch}", "Fetches from the origin or parent edge, by result.");
        coalescedWaiters = meter.CreateCounter<long>("marquee.edge.coalesced_waiters", "{request}", "Requests that joined a fetch already under way instead of starting their own.");
        staleServes = meter.CreateCounter<long>("marquee.edge.stale_serves", "{request}", "Expired copies served because the upstream failed (stale-if-error).");
        passThrough = meter.CreateCounter<long>("marquee.edge.pass_through", "{fetch}", "Fetches streamed to clients without being cached, by reason.");
        evictions = meter.CreateCounter<long>("marquee.edge.cache.evictions", "{object}", "Objects evicted, by tier.");
        meter.CreateObservableUpDownCounter("marquee.edge.connections.active", () => connections.Active, "{connection}", "Open client connections.");
        meter.CreateObservableGauge("marquee.edge.egress.rate", () => egress.BytesPerSecond(), "By/s", "Body bytes sent per second over the last ten seconds.");
        meter.CreateObservableGauge("marquee.edge.cache.used", () => cacheUsage().DiskUsedBytes, "By", "Disk cache bytes in use (objects and their headers).");
        meter.CreateObservableGauge("marquee.edge.cache.capacity", () => cacheUsage().DiskCapacityBytes, "By", "Disk cache budget.");
        meter.CreateObservableGauge("marquee.edge.memory.used", () => cacheUsage().MemoryUsedBytes, "By", "Hot-tier bytes in use.");
        meter.CreateObservableGauge("marquee.edge.cache.objects", () => cacheUsage().DiskObjects, "{object}", "Objects in the disk cache.");
    }

    public EdgeLoad Snapshot()
    {
        var usage = cacheUsage();
        var hits = Interlocked.Read(ref hitObjects);
        var misses = Interlocked.Read(ref missObjects);
        var hitB = Interlocked.Read(ref hitBytes);
        var missB = Interlocked.Read(ref missBytes);
        return new EdgeLoad(
            connections.Active,
            egress.BytesPerSecond(),
            Ratio(hits, misses),
            Ratio(hitB, missB),
            Interlocked.Read(ref totalRequests),
            usage.DiskUsedBytes,
            usage.DiskCapacityBytes);
    }

    public void Dispose() => meter.Dispose();

    internal void ObserveCache(Func<CacheUsage> usage) => cacheUsage = usage;

    /// <summary>One finished media request: how it was answered, from which tier, and the body bytes sent.</summary>
    /// <param name="download">The request carried a download's token (<see cref="Tokens.PlaybackClaims.Download"/>).</param>
    internal void Request(RequestOutcome outcome, ServedFrom tier, long bodyBytes, bool download = false)
    {
        Interlocked.Increment(ref totalRequests);
        requests.Add(1, OutcomeTags[(int)outcome]);
        if (outcome != RequestOutcome.Refused)
        {
            health.Answer(failed: outcome == RequestOutcome.Error);
        }

        if (bodyBytes > 0)
        {
            bytesServed.Add(bodyBytes, TierTags[(int)tier]);
            egress.Add(bodyBytes);
            if (download)
            {
                downloadBytes.Add(bodyBytes);
            }
        }

        switch (outcome)
        {
            case RequestOutcome.Hit or RequestOutcome.Stale:
                Interlocked.Increment(ref hitObjects);
                Interlocked.Add(ref hitBytes, bodyBytes);
                objectHits.Add(1);
                byteHits.Add(bodyBytes);
                break;
            case RequestOutcome.Miss or RequestOutcome.Coalesced or RequestOutcome.Pass:
                Interlocked.Increment(ref missObjects);
                Interlocked.Add(ref missBytes, bodyBytes);
                objectMisses.Add(1);
                byteMisses.Add(bodyBytes);
                break;
        }

        if (outcome == RequestOutcome.Stale)
        {
            staleServes.Add(1);
        }
    }

    /// <summary>Counted when a request joins a fill, not when it ends: it says how many are waiting now.</summary>
    internal void CoalescedWaiter() => coalescedWaiters.Add(1);

    /// <summary>An upstream fetch's head arrived (or did not) after <paramref name="toHead"/>; a 404 is an answer, not a failure.</summary>
    internal void UpstreamFetch(FillStatus result, TimeSpan toHead)
    {
        upstreamFetches.Add(1, FetchTags[(int)result]);
        health.Fetch(failed: result is FillStatus.BadGateway or FillStatus.GatewayTimeout, toHead);
    }

    /// <summary>A fetch whose head was fine broke off in its body.</summary>
    internal void UpstreamBroke() => health.FetchBroke();

    internal void PassThrough(string reason) => passThrough.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A cache write failed, so its fill passes through: counted for the metrics and for health.</summary>
    internal void CacheWriteFailed(bool diskFull)
    {
        passThrough.Add(1, diskFull ? DiskFullTag : WriteFailedTag);
        health.CacheWriteFailure(diskFull);
    }

    internal void Evicted(int count, ServedFrom tier) => evictions.Add(count, TierTags[(int)tier]);

    private static double Ratio(long part, long other) => part + other == 0 ? 0 : part / (double)(part + other);
}
