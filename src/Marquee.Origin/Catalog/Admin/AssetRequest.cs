namespace Marquee.Origin.Catalog.Admin;

/// <summary>Names an uploaded asset (the <c>Marquee-Asset</c> of a finished upload) to attach; null detaches.</summary>
public sealed record AssetRequest(string? AssetId);
