namespace Marquee.Origin.Regions;

/// <summary>How a viewer's country is found from their address.</summary>
public sealed class GeoOptions
{
    public const string Section = "Geo";

    /// <summary>
    /// The CIDR → country table, as <c>"CIDR=CC"</c> entries (an array, because IPv6 networks contain colons). The
    /// most specific network wins. The defaults map the documentation ranges and loopback so anyone can try regions.
    /// </summary>
    public List<string> Networks { get; init; } = [];

    /// <summary>Optional MaxMind GeoIP2/GeoLite2 Country or City database (.mmdb), asked when the table has no answer.</summary>
    public string? MaxMindDatabase { get; init; }

    /// <summary>
    /// Addresses whose X-Forwarded-For is believed (reverse proxies, load balancers), as addresses or CIDR networks.
    /// Loopback by default, so the local cluster and tests can present client addresses.
    /// </summary>
    public List<string> TrustedProxies { get; init; } = [];

    /// <summary>Unknown country: false (default) offers worldwide-licensed titles only; true treats it as licensed everywhere.</summary>
    public bool AllowUnknownCountry { get; init; }
}
