namespace Marquee.Bench.Eviction;

/// <summary>One policy at one cache size over one trace.</summary>
internal sealed record ReplayResult(
    string Policy, double CacheShare, long CapacityBytes, long Requests, long Misses, long RequestedBytes, long MissBytes, TimeSpan Elapsed)
{
    public double ByteMissRatio => (double)MissBytes / RequestedBytes;

    public double ObjectMissRatio => (double)Misses / Requests;

    public double NanosecondsPerRequest => Elapsed.TotalNanoseconds / Requests;
}
