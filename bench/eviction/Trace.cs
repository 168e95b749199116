namespace Marquee.Bench.Eviction;

/// <summary>
/// A request trace as the replays need it: object ids in request order, and each object's key and size. The keys
/// are built once, so replaying allocates nothing per request beyond what a policy itself does.
/// </summary>
internal sealed class Trace(int[] requests, string[] keys, long[] sizes, WorkloadSummary summary)
{
    public int[] Requests { get; } = requests;

    public string[] Keys { get; } = keys;

    public long[] Sizes { get; } = sizes;

    public WorkloadSummary Summary { get; } = summary;
}
