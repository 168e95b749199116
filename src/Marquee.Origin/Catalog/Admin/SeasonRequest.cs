namespace Marquee.Origin.Catalog.Admin;

public sealed record SeasonRequest(int? Number = null, string? Name = null);
