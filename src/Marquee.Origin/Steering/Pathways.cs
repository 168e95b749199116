using Marquee.Origin.Delivery;
using Marquee.Origin.Playback;

namespace Marquee.Origin.Steering;

/// <summary>The places a player may fetch from, in order: the ranked edges, then the origin.</summary>
public static class Pathways
{
    public static List<PathwayView> From(IReadOnlyList<EdgeNode> ranked, string originBase) =>
    [
        .. ranked.Select(e => new PathwayView(e.Id, e.BaseUrl.TrimEnd('/'), e.Region)),
        new PathwayView(MediaApi.OriginPathway, originBase, null),
    ];
}
