namespace Marquee.Bench.Eviction;

/// <summary>Collects timed requests from many sessions, numbers the objects, and orders the requests in time.</summary>
internal sealed class TraceBuilder(int seed)
{
    private readonly Dictionary<long, int> _ids = [];
    private readonly List<string> _keys = [];
    private readonly List<long> _sizes = [];
    private readonly List<int> _titles = [];
    private readonly List<double> _times = [];
    private readonly List<int> _requests = [];

    public void Request(double time, MediaObject media)
    {
        if (!_ids.TryGetValue(media.Identity, out var id))
        {
            id = _keys.Count;
            _ids.Add(media.Identity, id);
            _keys.Add(media.Key());
            _sizes.Add(media.SizeBytes(seed));
            _titles.Add(media.Title.Id);
        }

        _times.Add(time);
        _requests.Add(id);
    }

    /// <summary>The requests in time order: sessions interleave as concurrent viewers' requests do at an edge.</summary>
    public (int[] Requests, string[] Keys, long[] Sizes, int[] Titles) Build()
    {
        var times = _times.ToArray();
        var requests = _requests.ToArray();
        // Not a stable sort, but a deterministic one: the same seed gives the same trace, ties included.
        var order = new long[times.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(times, order);
        var ordered = new int[requests.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = requests[order[i]];
        }

        return (ordered, _keys.ToArray(), _sizes.ToArray(), _titles.ToArray());
    }
}
