using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>My List and playlists belong to a profile and show only what the viewer may see.</summary>
public sealed class ListsApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task My_list_keeps_titles_newest_first_and_feeds_the_home_row()
    {
        var first = await TestAccounts.TitleAsync(server, "First Pick");
        var second = await TestAccounts.TitleAsync(server, "Second Pick");
        using var viewer = await TestAccounts.SignedInClientAsync(server, "lister@example.com");

        foreach (var id in new[] { first, second, first })
        {
            using var put = await viewer.PutAsync($"/api/v1/my-list/{id}", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/my-list", TestContext.Current.CancellationToken);
        Assert.Equal([second, first], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var browse = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/browse", TestContext.Current.CancellationToken);
        var row = browse.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "my-list");
        Assert.Equal([second, first], row.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        using var removed = await viewer.DeleteAsync($"/api/v1/my-list/{second}", TestContext.Current.CancellationToken);
        Assert.Equal([first], (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/my-list", TestContext.Current.CancellationToken)).EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_title_from_another_region_cannot_be_listed()
    {
        var german = await TestAccounts.TitleAsync(server, "Nur Deutsch", countries: "DE");
        using var viewer = await TestAccounts.SignedInClientAsync(server, "far@example.com");

        using var put = await viewer.PutAsync($"/api/v1/my-list/{german}", null, TestContext.Current.CancellationToken);
        using var unknown = await viewer.PutAsync("/api/v1/my-list/nothing-here", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Playlists_are_private_to_their_profile()
    {
        var film = await TestAccounts.TitleAsync(server, "Playlist Film");
        using var alice = await TestAccounts.SignedInClientAsync(server, "alice-pl@example.com");
        using var bob = await TestAccounts.SignedInClientAsync(server, "bob-pl@example.com");

        using var created = await alice.PostAsJsonAsync("/api/v1/playlists", new { name = "Rainy Sunday" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        using var added = await alice.PutAsync($"/api/v1/playlists/{id}/items/{film}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        var mine = await alice.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{id}", TestContext.Current.CancellationToken);
        Assert.Equal([film], mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        using var peek = await bob.GetAsync($"/api/v1/playlists/{id}", TestContext.Current.CancellationToken);
        using var meddle = await bob.PutAsync($"/api/v1/playlists/{id}/items/{film}", null, TestContext.Current.CancellationToken);
        using var delete = await bob.DeleteAsync($"/api/v1/playlists/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, meddle.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/api/v1/playlists", TestContext.Current.CancellationToken)).EnumerateArray());

        using var badName = await alice.PostAsJsonAsync("/api/v1/playlists", new { name = "" }, TestContext.Current.CancellationToken);
        using var anonymous = await server.Http.GetAsync("/api/v1/my-list", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
