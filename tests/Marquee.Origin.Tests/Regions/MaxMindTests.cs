using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Regions;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using MaxMind.GeoIP2;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Regions;

/// <summary>The MaxMind path of <see cref="CountryResolver"/>, on databases written by <see cref="MmdbWriter"/> and read by MaxMind's reader.</summary>
public sealed class MaxMindTests
{
    // 198.51.100.0/24 is DE in the demo table and JP here, to show which source answered.
    private static readonly (string, string, string)[] Networks =
    [
        ("81.2.0.0/16", "GB", "United Kingdom"),
        ("81.2.69.0/24", "IE", "Ireland"),
        ("198.51.100.0/24", "JP", "Japan"),
        ("2001:db8:1::/48", "FR", "France"),
    ];

    // The /24 splits the /16, so an address elsewhere in the /16 is reported in the part of it left whole.
    [Theory]
    [InlineData("81.2.10.1", "GB", "81.2.0.0/18")]
    [InlineData("81.2.69.160", "IE", "81.2.69.0/24")]
    [InlineData("::ffff:81.2.69.160", "IE", "::ffff:81.2.69.0/120")]
    [InlineData("2001:db8:1::42", "FR", "2001:db8:1::/48")]
    [InlineData("81.3.0.1", null, null)]
    [InlineData("10.0.0.1", null, null)]
    [InlineData("2001:db8:2::1", null, null)]
    public void MaxMinds_reader_finds_the_written_country_and_network(string address, string? country, string? network)
    {
        using var reader = new DatabaseReader(WriteDatabase());

        var found = reader.TryCountry(IPAddress.Parse(address), out var response);

        Assert.Equal(country is not null, found);
        Assert.Equal(country, response?.Country.IsoCode);
        Assert.Equal(network, response?.Traits.Network?.ToString());
        Assert.Equal(("GeoLite2-Country", 6), (reader.Metadata.DatabaseType, reader.Metadata.IPVersion));
    }

    [Fact]
    public void The_written_record_has_the_country_name_in_English()
    {
        using var reader = new DatabaseReader(WriteDatabase());

        Assert.Equal("Ireland", reader.Country(IPAddress.Parse("81.2.69.160")).Country.Name);
    }

    [Theory]
    [InlineData("198.51.100.7", "DE")]
    [InlineData("81.2.69.160", "IE")]
    [InlineData("81.2.10.1", "GB")]
    [InlineData("2001:db8:1::42", "FR")]
    [InlineData("10.0.0.1", null)]
    [InlineData("2001:db8:2::1", null)]
    public void The_table_answers_first_and_the_database_answers_the_rest(string address, string? country)
    {
        using var resolver = new CountryResolver(Options.Create(new GeoOptions { Networks = ["198.51.100.0/24=DE"], MaxMindDatabase = WriteDatabase() }));

        Assert.Equal(country, resolver.Resolve(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_City_database_answers_the_country_too()
    {
        using var resolver = new CountryResolver(Options.Create(new GeoOptions { MaxMindDatabase = WriteDatabase("GeoLite2-City") }));

        Assert.Equal("IE", resolver.Resolve(IPAddress.Parse("81.2.69.160")));
        Assert.Null(resolver.Resolve(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public async Task An_origin_with_a_database_reports_its_country_for_the_forwarded_address()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Geo:MaxMindDatabase", WriteDatabase());

        var irish = await WhereAsync(server, "81.2.69.160");
        Assert.Equal(("IE", "eu", "81.2.69.160"), (irish.GetProperty("country").GetString(), irish.GetProperty("region").GetString(), irish.GetProperty("address").GetString()));
        Assert.Equal("DE", (await WhereAsync(server, Viewers.De)).GetProperty("country").GetString());
        Assert.Equal(JsonValueKind.Null, (await WhereAsync(server, Viewers.Nowhere)).GetProperty("country").ValueKind);
    }

    [Fact]
    public async Task A_database_path_that_does_not_exist_stops_the_origin_with_the_reason()
    {
        var missing = Path.Combine(TestPaths.NewScratchFolder("mmdb"), "GeoLite2-Country.mmdb");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Geo:MaxMindDatabase", missing));

        Assert.Contains("Geo:MaxMindDatabase", error.ToString(), StringComparison.Ordinal);
    }

    private static string WriteDatabase(string databaseType = "GeoLite2-Country")
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("mmdb"), databaseType + ".mmdb");
        MmdbWriter.Write(path, Networks, databaseType);
        return path;
    }

    private static async Task<JsonElement> WhereAsync(OriginServer server, string address)
    {
        using var client = Viewers.From(server, address);
        return await client.GetFromJsonAsync<JsonElement>("/api/v1/regions/me", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_database_without_countries_is_refused_at_start()
    {
        var path = WriteDatabase("GeoLite2-ASN");

        var error = Assert.Throws<OptionsValidationException>(() => new CountryResolver(Options.Create(new GeoOptions { MaxMindDatabase = path })));
        Assert.Contains("GeoLite2-ASN", error.Message, StringComparison.Ordinal);
    }
}
