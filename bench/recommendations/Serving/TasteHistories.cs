using Marquee.Bench.Search.Dataset;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// Viewing histories with structure a recommender can find, the same for the same seed: each title belongs to one of
/// <see cref="Clusters"/> taste clusters that cut across genres, and is more or less popular (a Zipf rank over the
/// whole catalog). A profile lives in one region, has two clusters it likes, and picks most titles from them and the
/// rest from what everyone watches, only among titles licensed in its country now. Times fall over the last
/// <see cref="SpanDays"/> days, denser toward now, so every profile also has a few plays in the last day (the charts).
/// </summary>
internal sealed class TasteHistories
{
    public const int Clusters = 24;
    public const int SpanDays = 45;

    /// <summary>Region ids of the origin's default regions, a country in each, and the share of profiles there.</summary>
    public static readonly IReadOnlyList<(string Region, string Country, double Share)> Regions =
        [("us", "US", 0.5), ("eu", "DE", 0.3), ("apac", "JP", 0.2)];

    private const long DayMs = 86_400_000;

    private readonly Random _random;
    private readonly long _nowMs;
    private readonly List<Pool> _global = [];
    private readonly List<Pool[]> _byCluster = [];

    public TasteHistories(GeneratedCatalog catalog, int seed, long nowMs)
    {
        _random = new Random(seed);
        _nowMs = nowMs;
        var titles = catalog.Titles;
        var cluster = titles.Select(_ => _random.Next(Clusters)).ToArray();
        // Popularity is its own order, independent of the catalog's (which follows creation time).
        var popularity = Enumerable.Range(0, titles.Count).OrderBy(_ => _random.Next()).ToArray();
        foreach (var (_, country, _) in Regions)
        {
            var offered = popularity.Where(n => titles[n].OfferedIn(country, nowMs)).ToArray();
            _global.Add(new Pool(offered, 0.9));
            _byCluster.Add([.. Enumerable.Range(0, Clusters).Select(c => new Pool([.. offered.Where(n => cluster[n] == c)], 0.8))]);
        }
    }

    public int PickRegion()
    {
        var roll = _random.NextDouble();
        for (var i = 0; i < Regions.Count - 1; i++)
        {
            roll -= Regions[i].Share;
            if (roll < 0)
            {
                return i;
            }
        }

        return Regions.Count - 1;
    }

    /// <summary><paramref name="count"/> distinct titles of one profile in region <paramref name="region"/>, oldest first.</summary>
    public List<HistoryEvent> Profile(int region, int count)
    {
        var first = _random.Next(Clusters);
        var second = (first + 1 + _random.Next(Clusters - 1)) % Clusters;
        var seen = new HashSet<int>();
        var events = new List<HistoryEvent>(count);
        for (var attempt = 0; events.Count < count && attempt < count * 20; attempt++)
        {
            var roll = _random.NextDouble();
            var pool = roll < 0.35 ? _global[region] : _byCluster[region][roll < 0.75 ? first : second];
            if (pool.Titles.Length > 0 && pool.Next(_random) is var title && seen.Add(title))
            {
                events.Add(Event(title));
            }
        }

        return [.. events.OrderBy(e => e.AtMs)];
    }

    private HistoryEvent Event(int title)
    {
        // Denser toward now: about one event in twelve falls in the last day.
        var atMs = _nowMs - (long)(Math.Pow(_random.NextDouble(), 1.5) * SpanDays * DayMs) - _random.Next(60_000);
        var roll = _random.NextDouble();
        var fraction = roll < 0.65 ? 0.95 + (0.05 * _random.NextDouble())
            : roll < 0.88 ? 0.15 + (0.75 * _random.NextDouble())
            : 0.01 + (0.07 * _random.NextDouble());
        var starts = fraction >= 0.95 && _random.NextDouble() < 0.05 ? 2 : 1;
        int? rating = null;
        if (_random.NextDouble() < 0.12)
        {
            rating = fraction >= 0.95 ? (_random.NextDouble() < 0.4 ? 2 : 1)
                : fraction >= 0.15 ? (_random.NextDouble() < 0.5 ? 1 : -1)
                : -1;
        }

        return new HistoryEvent(title, atMs, fraction, starts, rating);
    }

    /// <summary>Titles in popularity order, drawn with a Zipf skew.</summary>
    private sealed class Pool(int[] titles, double exponent)
    {
        private readonly ZipfSampler? _zipf = titles.Length == 0 ? null : new ZipfSampler(titles.Length, exponent);

        public int[] Titles { get; } = titles;

        public int Next(Random random) => Titles[_zipf!.Next(random)];
    }
}
