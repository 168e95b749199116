using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;

namespace Marquee.Origin.Tests.Sharing;

/// <summary>A playlist is private until its profile makes it public; then anyone with the link sees it, as they may see its titles.</summary>
public sealed class PublicListsTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_list_is_private_until_made_public_then_anyone_sees_it_until_it_is_private_again()
    {
        var cancel = TestContext.Current.CancellationToken;
        var film = await TestAccounts.TitleAsync(server, "Shared Film");
        var german = await TestAccounts.TitleAsync(server, "Nur Hier", countries: "DE");
        using var owner = await TestAccounts.SignedInClientAsync(server, "curator@example.com");
        owner.DefaultRequestHeaders.Add("X-Forwarded-For", Viewers.De);

        using var created = await owner.PostAsJsonAsync("/api/v1/playlists", new { name = "Best of <2026>" }, cancel);
        var list = await created.Content.ReadFromJsonAsync<JsonElement>(cancel);
        var id = list.GetProperty("id").GetString()!;
        Assert.False(list.GetProperty("public").GetBoolean());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("url").ValueKind);
        foreach (var title in new[] { film, german })
        {
            using var added = await owner.PutAsync($"/api/v1/playlists/{id}/items/{title}", null, cancel);
            Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        }

        using (var hidden = await server.Http.GetAsync($"/api/v1/lists/{id}", cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var shared = await owner.PatchAsJsonAsync($"/api/v1/playlists/{id}", new { @public = true }, cancel);
        var view = await shared.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.True(view.GetProperty("public").GetBoolean());
        Assert.Equal("Best of <2026>", view.GetProperty("name").GetString());
        Assert.EndsWith($"/list/{id}", view.GetProperty("url").GetString());

        // Anyone, signed out, from the US: the list, its owner's profile name, and only what may be seen there.
        using var anonymous = Viewers.From(server, Viewers.Us);
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{id}", cancel);
        Assert.Equal("Best of <2026>", seen.GetProperty("name").GetString());
        Assert.Equal("Main", seen.GetProperty("owner").GetString());
        Assert.Equal([film], seen.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        using var privateAgain = await owner.PatchAsJsonAsync($"/api/v1/playlists/{id}", new { @public = false }, cancel);
        Assert.Equal(HttpStatusCode.OK, privateAgain.StatusCode);
        using var gone = await anonymous.GetAsync($"/api/v1/lists/{id}", cancel);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_changes_are_refused_with_a_reason_and_kids_profiles_keep_lists_private()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var owner = await TestAccounts.SignedInClientAsync(server, "tidy@example.com");
        using var created = await owner.PostAsJsonAsync("/api/v1/playlists", new { name = "Mine" }, cancel);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("id").GetString();

        using var nothing = await owner.PatchAsJsonAsync($"/api/v1/playlists/{id}", new { }, cancel);
        using var junk = await server.Http.GetAsync("/api/v1/lists/..%2F..%2Fetc", cancel);
        using var unknown = await server.Http.GetAsync("/api/v1/lists/0123456789abcdef", cancel);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var parent = await TestAccounts.SignedInClientAsync(server, "kidlists@example.com");
        using var kid = await Discovery.Watching.KidAsync(server, parent);
        using var kidList = await kid.PostAsJsonAsync("/api/v1/playlists", new { name = "Cartoons", @public = true }, cancel);
        Assert.Equal(HttpStatusCode.Forbidden, kidList.StatusCode);
        Assert.Contains("kids profile", (await kidList.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("detail").GetString());
    }
}
