using Marquee.Origin.Catalog.Licensing;

namespace Marquee.Bench.Search.Dataset;

/// <summary>One licence of a generated title, as written to both databases; a missing bound is open.</summary>
internal sealed record GeneratedLicence(string Id, string Country, LicenceTier Tier, long? StartsAtMs, long? EndsAtMs)
{
    /// <summary>The rule of <see cref="Licence.Covers"/> and <see cref="Licence.IsActive"/>.</summary>
    public bool Offers(string country, long nowMs) =>
        (Country == Licence.Everywhere || Country == country)
        && (StartsAtMs is null || StartsAtMs <= nowMs) && (EndsAtMs is null || nowMs < EndsAtMs);
}
