namespace Marquee.Origin.Catalog.Admin;

/// <summary>One licence: a country code or "*" for everywhere, an optional window, and "free" or "subscription".</summary>
public sealed record LicenceRequest(string? Country, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, string? Tier = null);
