namespace Marquee.Origin.Catalog.Licensing;

/// <summary>
/// The right to offer a title (or a whole series) in one country, or everywhere (<see cref="Everywhere"/>),
/// from <see cref="StartsAtMs"/> until just before <see cref="EndsAtMs"/>; a missing bound is open.
/// </summary>
public sealed class Licence
{
    public const string Everywhere = "*";

    public required string Id { get; init; }

    public required string TitleId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 in upper case, or <see cref="Everywhere"/>.</summary>
    public required string Country { get; init; }

    public long? StartsAtMs { get; init; }

    public long? EndsAtMs { get; init; }

    public LicenceTier Tier { get; init; }

    public bool IsActive(long nowMs) => (StartsAtMs is null || StartsAtMs <= nowMs) && (EndsAtMs is null || nowMs < EndsAtMs);

    public bool Covers(string? country) => Country == Everywhere || (country is not null && Country == country);
}
