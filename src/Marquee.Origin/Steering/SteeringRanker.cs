using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>
/// Orders the edges a viewer may fetch an asset from: live edges of the viewer's region first, then those of the
/// nearest other regions (the configured distance table). Within a region, rendezvous (highest-random-weight)
/// hashing on the asset gives every asset a stable favourite edge, so each edge caches its own share of the
/// catalog and losing one edge moves only its share. Inside a region's group, edges come in this order: healthy,
/// healthy but overloaded, degraded, degraded and overloaded; rendezvous order holds within each. A degraded edge
/// goes after even an overloaded healthy one: overload is a matter of headroom (it still serves from its cache,
/// and our threshold leaves some), degraded means what it serves is already worse (pass-through to the origin,
/// failing or slow fetches, 5xx answers). It still comes before other regions: it does serve. The origin is not
/// in this list: callers add it last.
/// </summary>
public sealed class SteeringRanker(IOptions<SteeringOptions> options, TimeProvider clock)
{
    public IReadOnlyList<EdgeNode> Rank(IReadOnlyList<EdgeNode> edges, string? viewerRegion, string assetId)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var live = edges.Where(e => IsLive(e, now, settings)).ToList();
        var ranked = new List<EdgeNode>();
        foreach (var region in RegionOrder(viewerRegion, live, settings))
        {
            ranked.AddRange(live.Where(e => e.Region == region)
                .OrderBy(e => e.Degraded)
                .ThenBy(e => e.LoadFactor >= settings.OverloadedAt)
                .ThenByDescending(e => Weight(e.Id, assetId))
                .ThenBy(e => e.Id, StringComparer.Ordinal));
        }

        return ranked.Take(settings.MaxEdges).ToList();
    }

    public bool IsLive(EdgeNode edge) => IsLive(edge, clock.GetUtcNow().ToUnixTimeMilliseconds(), options.Value);

    private static bool IsLive(EdgeNode edge, long nowMs, SteeringOptions settings) =>
        edge.Healthy && nowMs - edge.LastSeenMs <= (long)settings.OfflineAfter.TotalMilliseconds;

    /// <summary>The viewer's region, then its configured neighbours, then any other region with edges (alphabetically).</summary>
    private static IEnumerable<string> RegionOrder(string? viewerRegion, List<EdgeNode> live, SteeringOptions settings)
    {
        var order = new List<string>();
        if (viewerRegion is not null)
        {
            order.Add(viewerRegion);
            order.AddRange(settings.RegionDistances.GetValueOrDefault(viewerRegion) ?? []);
        }

        order.AddRange(live.Select(e => e.Region).Distinct().Order(StringComparer.Ordinal));
        return order.Distinct(StringComparer.Ordinal);
    }

    /// <summary>A stable pseudo-random weight of (edge, asset): the same on every origin and after restarts.</summary>
    internal static ulong Weight(string edgeId, string assetId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(edgeId + "\n" + assetId), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
