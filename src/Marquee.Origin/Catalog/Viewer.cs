namespace Marquee.Origin.Catalog;

/// <summary>Who is asking, as far as the catalog cares: where they are and what their profile may see.</summary>
/// <param name="Country">ISO 3166-1 alpha-2, or null when the address maps to no country.</param>
/// <param name="ProfileId">The signed-in profile, or null for an anonymous visitor.</param>
public sealed record Viewer(string? Country, int MaxMaturity, string? ProfileId);
