using System.Globalization;
using System.Net;

namespace Marquee.Origin.Regions;

/// <summary>
/// Longest-prefix lookup over the configured networks. A sorted linear scan: tables here are short (operators with
/// whole-internet tables configure a MaxMind database instead).
/// </summary>
public sealed class CidrTable
{
    private readonly (IPNetwork Network, string Country)[] _entries;

    private CidrTable((IPNetwork, string)[] entries) => _entries = entries;

    /// <summary>Parses <c>"CIDR=CC"</c> entries; the problems found are returned, one sentence each, instead of a table.</summary>
    public static CidrTable Parse(IEnumerable<string> entries, out List<string> problems)
    {
        problems = [];
        var parsed = new List<(IPNetwork, string)>();
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !IPNetwork.TryParse(parts[0], out var network))
            {
                problems.Add($"Geo:Networks entry '{entry}' is not CIDR=CC (for example 198.51.100.0/24=DE).");
                continue;
            }

            if (!Countries.IsCode(parts[1]))
            {
                problems.Add($"Geo:Networks entry '{entry}' does not end in an ISO 3166-1 alpha-2 country code.");
                continue;
            }

            parsed.Add((network, parts[1].ToUpperInvariant()));
        }

        return new CidrTable([.. parsed.OrderByDescending(e => e.Item1.PrefixLength)]);
    }

    public string? Find(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var (network, country) in _entries)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return country;
            }
        }

        return null;
    }

    public override string ToString() => string.Join(", ", _entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Network}={e.Country}")));
}
