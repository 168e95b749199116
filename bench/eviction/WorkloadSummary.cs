namespace Marquee.Bench.Eviction;

/// <summary>What the generated trace turned out to be, printed with the results so the workload can be judged.</summary>
internal sealed record WorkloadSummary(
    double Alpha,
    int Sessions,
    int LongTailSessions,
    int DistinctTitles,
    double MeanSessionMinutes,
    double MeanConcurrentSessions,
    long Requests,
    long RequestedBytes,
    int Objects,
    long UniqueBytes,
    int OneHitObjects,
    long OneHitBytes,
    int OneHitLongTailObjects)
{
    public double OneHitObjectShare => (double)OneHitObjects / Objects;

    public double OneHitByteShare => (double)OneHitBytes / UniqueBytes;

    /// <summary>The byte-miss ratio of an infinite cache: every object's first request misses.</summary>
    public double CompulsoryByteMissRatio => (double)UniqueBytes / RequestedBytes;

    public double CompulsoryObjectMissRatio => (double)Objects / Requests;
}
