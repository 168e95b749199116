using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>What a viewer sees is decided by where they are and when: in every listing, in search, and on direct access.</summary>
public sealed class RegionalCatalogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_title_licensed_only_in_Germany_exists_only_for_German_addresses()
    {
        var german = await TestAccounts.TitleAsync(server, "Nur Hier Dabei", countries: "DE", genres: "Drama");
        var everywhere = await TestAccounts.TitleAsync(server, "Everywhere Story", genres: "Drama");
        using var us = Viewers.From(server, Viewers.Us);
        using var de = Viewers.From(server, Viewers.De);

        Assert.Equal([everywhere], await ListedAsync(us));
        Assert.Equal(new[] { german, everywhere }.Order(), (await ListedAsync(de)).Order());
        Assert.DoesNotContain(german, await BrowsedAsync(us));
        Assert.Contains(german, await BrowsedAsync(de));
        Assert.DoesNotContain(german, await SearchedAsync(us, "Hier"));
        Assert.Contains(german, await SearchedAsync(de, "Hier"));
        Assert.DoesNotContain(german, await SearchedAsync(us, ""));

        using var direct = await us.GetAsync($"/api/v1/titles/{german}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, direct.StatusCode);
        Assert.True(direct.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {direct.Headers.CacheControl}");
        Assert.Equal("application/problem+json", direct.Content.Headers.ContentType?.MediaType);
        Assert.Contains("(US)", await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var fromLoopback = await server.Http.GetAsync($"/api/v1/titles/{german}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, fromLoopback.StatusCode);
        using var bySlug = await de.GetAsync("/api/v1/titles/nur-hier-dabei", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, bySlug.StatusCode);
        Assert.True(bySlug.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {bySlug.Headers.CacheControl}");
    }

    [Fact]
    public async Task Licence_windows_open_and_close_as_the_clock_moves()
    {
        var now = clock.GetUtcNow();
        var windowed = await TestAccounts.TitleAsync(server, "Summer Only", countries: "JP",
            startsAtMs: now.AddHours(1).ToUnixTimeMilliseconds(), endsAtMs: now.AddHours(2).ToUnixTimeMilliseconds());
        using var jp = Viewers.From(server, Viewers.Jp);

        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, await StatusAsync(jp, $"/api/v1/titles/{windowed}"));
        Assert.DoesNotContain(windowed, await ListedAsync(jp));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(jp, $"/api/v1/titles/{windowed}"));
        Assert.Contains(windowed, await ListedAsync(jp));
        Assert.Contains(windowed, await SearchedAsync(jp, "summer"));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, await StatusAsync(jp, $"/api/v1/titles/{windowed}"));
        Assert.DoesNotContain(windowed, await ListedAsync(jp));
        Assert.DoesNotContain(windowed, await SearchedAsync(jp, "summer"));
    }

    [Fact]
    public async Task An_unknown_country_sees_only_worldwide_titles()
    {
        var german = await TestAccounts.TitleAsync(server, "Regional Only", countries: "DE");
        var everywhere = await TestAccounts.TitleAsync(server, "For Everyone");
        using var nowhere = Viewers.From(server, Viewers.Nowhere);

        Assert.Equal([everywhere], await ListedAsync(nowhere));
        using var direct = await nowhere.GetAsync($"/api/v1/titles/{german}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, direct.StatusCode);
        Assert.Contains("could not tell which country", await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var where = await nowhere.GetFromJsonAsync<JsonElement>("/api/v1/regions/me", TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, where.GetProperty("country").ValueKind);
    }

    [Fact]
    public async Task A_kids_profile_sees_only_titles_at_or_below_its_rating()
    {
        var adult = await TestAccounts.TitleAsync(server, "Grim Night", maturity: 16, genres: "Thriller");
        var family = await TestAccounts.TitleAsync(server, "Sunny Meadow", maturity: 0, genres: "Family");
        using var account = await TestAccounts.SignedInClientAsync(server, "family@example.com", plan: "premium");
        // The account's first profile (by creation time) is the one without a selection; this clock only moves by hand.
        clock.Advance(TimeSpan.FromSeconds(1));
        using var created = await account.PostAsJsonAsync("/api/v1/profiles", new { name = "Kid", maturityLimit = 7 }, TestContext.Current.CancellationToken);
        var kidId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        using var selected = await account.PostAsJsonAsync($"/api/v1/profiles/{kidId}/select", new { }, TestContext.Current.CancellationToken);
        var kidToken = (await selected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();
        using var kid = Viewers.From(server, Viewers.Us, kidToken);

        Assert.Equal([family], await ListedAsync(kid));
        Assert.Equal([family], await SearchedAsync(kid, ""));
        Assert.DoesNotContain(adult, await BrowsedAsync(kid));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(kid, $"/api/v1/titles/{adult}"));
        Assert.Contains(adult, await ListedAsync(account));
    }

    [Fact]
    public async Task Free_licences_make_the_free_row_and_say_free()
    {
        var free = await TestAccounts.TitleAsync(server, "No Charge", free: true);
        await TestAccounts.TitleAsync(server, "Paid For");
        using var us = Viewers.From(server, Viewers.Us);

        var browse = await us.GetFromJsonAsync<JsonElement>("/api/v1/browse", TestContext.Current.CancellationToken);
        var row = browse.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "free");
        Assert.Equal([free], row.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        Assert.Equal("free", row.GetProperty("items")[0].GetProperty("access").GetString());
        Assert.Equal("US", browse.GetProperty("country").GetString());
        Assert.Equal("us", browse.GetProperty("region").GetString());
        var search = await us.GetFromJsonAsync<JsonElement>("/api/v1/search?access=free", TestContext.Current.CancellationToken);
        Assert.Equal([free], search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
    }

    private static async Task<List<string>> ListedAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/titles?limit=100", TestContext.Current.CancellationToken);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<List<string>> BrowsedAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/browse?perRow=50", TestContext.Current.CancellationToken);
        return page.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()!).Distinct().ToList();
    }

    private static async Task<List<string>> SearchedAsync(HttpClient client, string q)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}&limit=50", TestContext.Current.CancellationToken);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
