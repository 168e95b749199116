namespace Marquee.Origin.Catalog.Admin;

/// <summary>Names an asset to attach (the <c>assetId</c> of another title's media, e.g. a draft upload); null detaches.</summary>
public sealed record AssetRequest(string? AssetId);
