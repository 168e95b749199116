using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Regions;

public static class RegionServices
{
    /// <summary>The demo table of ARCHITECTURE.md: documentation ranges and loopback, so anyone can try regions.</summary>
    public static readonly IReadOnlyList<string> DemoNetworks =
        ["192.0.2.0/24=US", "198.51.100.0/24=DE", "203.0.113.0/24=JP", "127.0.0.0/8=US", "::1/128=US"];

    public static readonly IReadOnlyList<string> LoopbackProxies = ["127.0.0.0/8", "::1/128"];

    public static IServiceCollection AddRegions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GeoOptions.Section);
        services.AddOptions<GeoOptions>().Bind(section).PostConfigure(o =>
        {
            // Defaults only when the operator configured nothing (list binding would otherwise merge by index).
            if (!section.GetSection(nameof(GeoOptions.Networks)).Exists())
            {
                o.Networks.AddRange(DemoNetworks);
            }

            if (!section.GetSection(nameof(GeoOptions.TrustedProxies)).Exists())
            {
                o.TrustedProxies.AddRange(LoopbackProxies);
            }
        }).Validate(o => CidrTable.Parse(o.Networks, out var problems) is not null && problems.Count == 0, "Geo:Networks has entries that are not CIDR=CC.")
          .Validate(o => o.TrustedProxies.All(p => System.Net.IPNetwork.TryParse(p, out _) || IPAddress.TryParse(p, out _)), "Geo:TrustedProxies has entries that are not addresses or CIDR networks.")
          .Validate(o => string.IsNullOrEmpty(o.MaxMindDatabase) || File.Exists(o.MaxMindDatabase), "Geo:MaxMindDatabase names a file that does not exist.")
          .ValidateOnStart();
        services.AddSingleton<CountryResolver>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GeoOptions>>((forwarded, geo) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = null;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in geo.Value.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(TrustedNetwork(proxy));
            }
        });
        return services;
    }

    /// <summary>A configured proxy: a CIDR network, or a single address as the network of just itself.</summary>
    private static System.Net.IPNetwork TrustedNetwork(string proxy)
    {
        if (System.Net.IPNetwork.TryParse(proxy, out var network))
        {
            return network;
        }

        var address = IPAddress.Parse(proxy);
        return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
