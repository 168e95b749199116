namespace Marquee.Edge.Fill;

/// <summary>Headers an edge sends with every fetch from its upstream.</summary>
public static class UpstreamHeaders
{
    /// <summary>The fetching edge's region, so an origin with a bucket per region fills it from the nearest one.</summary>
    public const string Region = "X-Marquee-Edge-Region";
}
