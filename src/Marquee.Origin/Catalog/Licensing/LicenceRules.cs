namespace Marquee.Origin.Catalog.Licensing;

/// <summary>
/// The one rule for "may this title be offered here, now, and on which tier": browse, search, title pages and the
/// entitlement service all ask it. A free licence wins over a subscription one when both are active.
/// </summary>
public static class LicenceRules
{
    /// <param name="country">The viewer's country, or null when it could not be determined.</param>
    /// <param name="allowUnknownCountry">The operator's policy for unknown countries: when false (the default), only
    /// worldwide licences count for them; when true, any active licence does.</param>
    public static LicenceTier? ActiveTier(IEnumerable<Licence> licences, string? country, long nowMs, bool allowUnknownCountry) =>
        ActiveTier(licences as Licence[] ?? [.. licences], country, nowMs, allowUnknownCountry);

    /// <summary>The same rule over an array: search asks it once for every matching title, so it must not allocate.</summary>
    public static LicenceTier? ActiveTier(ReadOnlySpan<Licence> licences, string? country, long nowMs, bool allowUnknownCountry)
    {
        LicenceTier? best = null;
        foreach (var licence in licences)
        {
            var covers = licence.Covers(country) || (country is null && allowUnknownCountry);
            if (!covers || !licence.IsActive(nowMs))
            {
                continue;
            }

            if (licence.Tier == LicenceTier.Free)
            {
                return LicenceTier.Free;
            }

            best = LicenceTier.Subscription;
        }

        return best;
    }
}
