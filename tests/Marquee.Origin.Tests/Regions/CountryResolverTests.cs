using System.Net;
using Marquee.Origin.Regions;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Regions;

public sealed class CountryResolverTests
{
    [Theory]
    [InlineData("192.0.2.1", "US")]
    [InlineData("198.51.100.250", "DE")]
    [InlineData("203.0.113.9", "JP")]
    [InlineData("127.0.0.1", "US")]
    [InlineData("::1", "US")]
    [InlineData("::ffff:198.51.100.7", "DE")]
    [InlineData("10.0.0.1", null)]
    [InlineData("2001:db8::1", null)]
    public void The_demo_table_maps_documentation_ranges_and_loopback(string address, string? country)
    {
        using var resolver = new CountryResolver(Options.Create(new GeoOptions { Networks = [.. RegionServices.DemoNetworks] }));
        Assert.Equal(country, resolver.Resolve(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_most_specific_network_wins_whatever_the_order()
    {
        using var resolver = new CountryResolver(Options.Create(new GeoOptions { Networks = ["10.0.0.0/8=FR", "10.1.2.0/24=BE", "10.1.0.0/16=NL"] }));

        Assert.Equal("BE", resolver.Resolve(IPAddress.Parse("10.1.2.3")));
        Assert.Equal("NL", resolver.Resolve(IPAddress.Parse("10.1.9.9")));
        Assert.Equal("FR", resolver.Resolve(IPAddress.Parse("10.9.9.9")));
    }

    [Fact]
    public void Bad_entries_are_refused_with_a_sentence_each()
    {
        CidrTable.Parse(["10.0.0.0/8=FR", "not-a-network=DE", "10.0.0.0/33=DE", "192.0.2.0/24=Germany", "192.0.2.0/24"], out var problems);

        Assert.Equal(4, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("Geo:Networks entry", p, StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => new CountryResolver(Options.Create(new GeoOptions { Networks = ["x=DE"] })));
    }
}
