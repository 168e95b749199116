namespace Marquee.Origin.Catalog.Admin;

public sealed record EpisodeRequest(int? Number = null, string? Name = null, string? Synopsis = null, int? RuntimeMinutes = null, string? AssetId = null);
