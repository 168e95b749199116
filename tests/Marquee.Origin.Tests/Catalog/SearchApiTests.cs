using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>The search endpoint over HTTP: typos, prefixes, accents, facets, and hostile input answered as input.</summary>
/// <remarks>Every case only searches, so the class shares one origin and its four titles.</remarks>
public sealed class SearchApiTests(SearchApiTests.FourTitles catalog) : IClassFixture<SearchApiTests.FourTitles>
{
    /// <summary>An origin with four titles: two Sci-Fi, one free, one licensed in Germany only.</summary>
    public sealed class FourTitles : IAsyncLifetime
    {
        public OriginServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0");
            await TestAccounts.TitleAsync(Server, "Interstellar Voyage", genres: "Sci-Fi", year: 2014, maturity: 13);
            await TestAccounts.TitleAsync(Server, "Amélie of Montmartre", genres: "Comedy,Romance", year: 2001, free: true);
            await TestAccounts.TitleAsync(Server, "Star Wanderers", genres: "Sci-Fi", year: 1999);
            await TestAccounts.TitleAsync(Server, "Stellar Secrets", genres: "Documentary", year: 2020, countries: "DE");
        }

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    [Theory]
    [InlineData("interstellar", "Interstellar Voyage")]
    [InlineData("intersteller", "Interstellar Voyage")]
    [InlineData("interst", "Interstellar Voyage")]
    [InlineData("star wan", "Star Wanderers")]
    [InlineData("amelie", "Amélie of Montmartre")]
    [InlineData("AMÉLIE", "Amélie of Montmartre")]
    [InlineData("montmatre", "Amélie of Montmartre")]
    public async Task Typos_prefixes_accents_and_case_find_the_title_first(string q, string expected)
    {
        var page = await SearchAsync($"q={Uri.EscapeDataString(q)}");
        Assert.Equal(expected, page.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Facets_count_what_matched_and_filters_narrow_it()
    {
        var all = await SearchAsync("q=");
        var genres = all.GetProperty("facets").GetProperty("genres").EnumerateArray().ToDictionary(g => g.GetProperty("value").GetString()!, g => g.GetProperty("count").GetInt32());
        var sciFi = await SearchAsync("genre=Sci-Fi");
        var nineties = await SearchAsync("yearFrom=1990&yearTo=1999");

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, genres["Sci-Fi"]);
        Assert.False(genres.ContainsKey("Documentary"));
        Assert.Equal(2, sciFi.GetProperty("total").GetInt32());
        Assert.Equal(["Star Wanderers"], nineties.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:x AND (y OR z)~2^3")]
    [InlineData("*")]
    [InlineData("?tar")]
    [InlineData("[a TO z]")]
    [InlineData("/.*/")]
    [InlineData("'; DROP TABLE titles; --")]
    [InlineData("\\")]
    [InlineData("🎬🍿")]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_queries_are_just_text(string q)
    {
        using var response = await catalog.Server.Http.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=", "__long__", "q")]
    [InlineData("access=gratis", "", "access")]
    [InlineData("yearFrom=2020&yearTo=1990", "", "year")]
    [InlineData("maturity=12", "", "maturity")]
    [InlineData("limit=500", "", "limit")]
    [InlineData("offset=-3", "", "offset")]
    public async Task Bad_parameters_get_a_field_level_400(string query, string extra, string field)
    {
        var path = "/api/v1/search?" + query + (extra == "__long__" ? new string('x', 201) : extra);
        using var response = await catalog.Server.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Non_numeric_parameters_are_400_not_500()
    {
        using var response = await catalog.Server.Http.GetAsync("/api/v1/search?limit=lots", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonElement> SearchAsync(string query) =>
        await catalog.Server.Http.GetFromJsonAsync<JsonElement>("/api/v1/search?" + query, TestContext.Current.CancellationToken);
}
