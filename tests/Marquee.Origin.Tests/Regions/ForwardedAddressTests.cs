using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Catalog;

namespace Marquee.Origin.Tests.Regions;

/// <summary>X-Forwarded-For counts only when a trusted proxy sent the request.</summary>
public sealed class ForwardedAddressTests
{
    [Fact]
    public async Task Loopback_is_a_trusted_proxy_by_default()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0");
        using var de = Viewers.From(server, Viewers.De);

        var where = await de.GetFromJsonAsync<JsonElement>("/api/v1/regions/me", TestContext.Current.CancellationToken);

        Assert.Equal("DE", where.GetProperty("country").GetString());
        Assert.Equal("eu", where.GetProperty("region").GetString());
    }

    [Fact]
    public async Task An_untrusted_sender_cannot_choose_its_country()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Geo:TrustedProxies:0", "10.9.9.9");
        using var spoofer = Viewers.From(server, Viewers.De);

        var where = await spoofer.GetFromJsonAsync<JsonElement>("/api/v1/regions/me", TestContext.Current.CancellationToken);

        Assert.Equal("US", where.GetProperty("country").GetString());
        Assert.Equal("127.0.0.1", where.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_bad_table_stops_the_origin_with_the_reason()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Geo:Networks:0", "192.0.2.0/24=Narnia"));
        Assert.Contains("Geo:Networks", error.ToString(), StringComparison.Ordinal);
    }
}
