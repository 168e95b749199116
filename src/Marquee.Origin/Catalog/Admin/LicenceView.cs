using Marquee.Origin.Catalog.Licensing;

namespace Marquee.Origin.Catalog.Admin;

public sealed record LicenceView(string Country, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string Tier)
{
    public static LicenceView From(Licence licence) => new(
        licence.Country,
        licence.StartsAtMs is { } start ? DateTimeOffset.FromUnixTimeMilliseconds(start) : null,
        licence.EndsAtMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
        licence.Tier == LicenceTier.Free ? "free" : "subscription");
}
