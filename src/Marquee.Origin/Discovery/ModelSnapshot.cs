using System.Globalization;
using Marquee.Origin.Discovery.Model;

namespace Marquee.Origin.Discovery;

/// <summary>
/// One version of the stored model as an origin holds it in memory: titles by index, each one's neighbours, and
/// each region's charts. Replaced whole when a rebuild bumps the version; never changed in place.
/// </summary>
public sealed class ModelSnapshot
{
    public static readonly ModelSnapshot Empty = new(0, 0, [], [], new Dictionary<(string, string), string[]>());

    private readonly Dictionary<string, int> _index;

    public ModelSnapshot(long version, long builtAtMs, string[] ids, Neighbour[][] neighbours, IReadOnlyDictionary<(string Region, string Chart), string[]> charts)
    {
        Version = version;
        BuiltAtMs = builtAtMs;
        Ids = ids;
        Neighbours = neighbours;
        Charts = charts;
        _index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
    }

    public long Version { get; }

    public long BuiltAtMs { get; }

    public string[] Ids { get; }

    public Neighbour[][] Neighbours { get; }

    public IReadOnlyDictionary<(string Region, string Chart), string[]> Charts { get; }

    public int? IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : null;

    /// <summary>The region's chart, best first; the chart of every play for viewers in no region.</summary>
    public string[] Chart(string? region, string chart) =>
        Charts.TryGetValue((region ?? "", chart), out var list) ? list : [];

    public static string Pack(IEnumerable<(string Id, float Score)> neighbours) =>
        string.Join(',', neighbours.Select(n => n.Id + ":" + n.Score.ToString("0.#####", CultureInfo.InvariantCulture)));

    public static IEnumerable<(string Id, float Score)> Unpack(string packed)
    {
        foreach (var pair in packed.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon > 0 && float.TryParse(pair.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                yield return (pair[..colon], score);
            }
        }
    }
}
