namespace Marquee.Origin.Playback;

/// <summary>One place to fetch from: an edge (its id) or the origin (<c>origin</c>), with its region.</summary>
public sealed record PathwayView(string Id, string BaseUrl, string? Region);
