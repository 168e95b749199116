using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>The admin catalog: titles stay hidden until published with media, series have seasons and episodes, licences decide where.</summary>
public sealed class CatalogAdminTests : IAsyncLifetime
{
    private OriginServer server = null!;
    private HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");
        admin = await TestAccounts.AdminClientAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_movie_is_hidden_until_published_with_media_and_gone_when_unpublished()
    {
        var movie = await CreateAsync(new
        {
            kind = "movie", title = "Amélie Returns", synopsis = "A waitress in Montmartre.", genres = new[] { "Comedy", "Romance" }, year = 2003,
            runtimeMinutes = 122, originalLanguage = "fr", maturityRating = 13,
            credits = new object[] { new { name = "Audrey Tautou", role = "actor", character = "Amélie" }, new { name = "Jean-Pierre Jeunet", role = "director" } },
        });
        Assert.False(movie.GetProperty("published").GetBoolean());
        Assert.Equal("amelie-returns", movie.GetProperty("slug").GetString());
        var id = movie.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server.Http, $"/api/v1/titles/{id}"));
        using (var early = await admin.PostAsync($"/api/v1/admin/titles/{id}/publish", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var asset = await ReadyAssetAsync();
        using (var attach = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{id}/media", new { assetId = asset }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        }

        Assert.DoesNotContain(id, await ListedAsync());
        using (var publish = await admin.PostAsync($"/api/v1/admin/titles/{id}/publish", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        // No licence yet: published but offered nowhere.
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, await StatusAsync(server.Http, $"/api/v1/titles/{id}"));
        await LicenseAsync(id, new { country = "*", tier = "subscription" });
        Assert.Contains(id, await ListedAsync());
        var page = await server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("Audrey Tautou", page.GetProperty("credits")[0].GetProperty("name").GetString());
        Assert.Equal("ready", page.GetProperty("status").GetString());
        Assert.EndsWith("/master.m3u8", page.GetProperty("hls").GetString(), StringComparison.Ordinal);

        using (var unpublish = await admin.PostAsync($"/api/v1/admin/titles/{id}/unpublish", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, unpublish.StatusCode);
        }

        Assert.DoesNotContain(id, await ListedAsync());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server.Http, $"/api/v1/titles/{id}"));
        using (var delete = await admin.DeleteAsync($"/api/v1/admin/titles/{id}", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(admin, $"/api/v1/admin/titles/{id}"));
    }

    [Fact]
    public async Task A_series_plays_through_its_episodes_and_shows_them_by_season()
    {
        var series = await CreateAsync(new { kind = "series", title = "Harbour Lights", genres = new[] { "Drama" }, maturityRating = 13 });
        var id = series.GetProperty("id").GetString()!;
        using var media = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{id}/media", new { assetId = await ReadyAssetAsync() }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, media.StatusCode);

        using var season = await admin.PostAsJsonAsync($"/api/v1/admin/titles/{id}/seasons", new { number = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, season.StatusCode);
        var seasonId = (await season.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("seasons")[0].GetProperty("id").GetString();
        using var duplicate = await admin.PostAsJsonAsync($"/api/v1/admin/titles/{id}/seasons", new { number = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        foreach (var n in new[] { 2, 1 })
        {
            using var episode = await admin.PostAsJsonAsync($"/api/v1/admin/seasons/{seasonId}/episodes",
                new { number = n, name = $"Episode {n}", assetId = await ReadyAssetAsync() }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, episode.StatusCode);
        }

        await LicenseAsync(id, new { country = "US", tier = "free" });
        using (var publish = await admin.PostAsync($"/api/v1/admin/titles/{id}/publish", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        }

        var page = await server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("series", page.GetProperty("kind").GetString());
        Assert.Equal("free", page.GetProperty("access").GetString());
        var episodes = page.GetProperty("seasons")[0].GetProperty("episodes");
        Assert.Equal([1, 2], episodes.EnumerateArray().Select(e => e.GetProperty("number").GetInt32()));
        Assert.EndsWith("/master.m3u8", episodes[0].GetProperty("media").GetProperty("hls").GetString(), StringComparison.Ordinal);
        Assert.Contains(id, await ListedAsync());
    }

    [Fact]
    public async Task Bad_catalog_input_gets_field_level_problems()
    {
        var id = (await CreateAsync(new { title = "Valid" })).GetProperty("id").GetString()!;
        (string Path, object Body, string Field)[] cases =
        [
            ("/api/v1/admin/titles", new { kind = "podcast", title = "X" }, "kind"),
            ("/api/v1/admin/titles", new { title = new string('x', 201) }, "title"),
            ("/api/v1/admin/titles", new { title = "X", maturityRating = 12 }, "maturityRating"),
            ("/api/v1/admin/titles", new { title = "X", slug = "Not A Slug" }, "slug"),
            ("/api/v1/admin/titles", new { title = "X", genres = new[] { "a,b" } }, "genres"),
            ("/api/v1/admin/titles", new { title = "X", originalLanguage = "<script>" }, "originalLanguage"),
        ];
        foreach (var (path, body, field) in cases)
        {
            using var response = await admin.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        using var badLicences = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{id}/licences",
            new object[] { new { country = "Germany", tier = "free" }, new { country = "DE", tier = "gratis" }, new { country = "FR", tier = "free", startsAt = "2030-01-02T00:00:00Z", endsAt = "2030-01-01T00:00:00Z" } },
            TestContext.Current.CancellationToken);
        var errors = (await badLicences.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, badLicences.StatusCode);
        Assert.Equal(["[0]", "[1]", "[2]"], errors.EnumerateObject().Select(p => p.Name));
        using var notJson = await admin.PutAsync($"/api/v1/admin/titles/{id}/licences", new StringContent("{\"country\":", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var unknownAsset = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{id}/media", new { assetId = "0000000000000000" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownAsset.StatusCode);
        using var poster = await admin.PutAsync($"/api/v1/admin/titles/{id}/poster", new StringContent("<svg onload=alert(1)>"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, poster.StatusCode);
    }

    [Fact]
    public async Task Only_admins_may_change_the_catalog()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "viewer@example.com");
        using var create = await viewer.PostAsJsonAsync("/api/v1/admin/titles", new { title = "Sneaky" }, TestContext.Current.CancellationToken);
        using var anonymous = await server.Http.PostAsJsonAsync("/api/v1/admin/titles", new { title = "Sneaky" }, TestContext.Current.CancellationToken);
        using var region = await viewer.PutAsJsonAsync("/api/v1/admin/regions/mars", new { name = "Mars", countries = new[] { "MA" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, region.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_poster_replaces_the_frame_and_is_served_immutable()
    {
        var id = (await CreateAsync(new { title = "Poster Child" })).GetProperty("id").GetString()!;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        using var upload = await admin.PutAsync($"/api/v1/admin/titles/{id}/poster", new ByteArrayContent(png), TestContext.Current.CancellationToken);
        var poster = (await upload.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("poster").GetString()!;
        using var served = await server.Http.GetAsync(poster, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.StartsWith($"/artwork/{id}/", poster, StringComparison.Ordinal);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(served.Headers.CacheControl?.Public);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server.Http, $"/artwork/{id}/..%2f..%2fdatabase.db"));
    }

    [Fact]
    public async Task Regions_are_data_an_admin_edits_and_a_country_is_in_one_region()
    {
        var regions = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/regions", TestContext.Current.CancellationToken);
        Assert.Equal(["apac", "eu", "us"], regions.EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        using var clash = await admin.PutAsJsonAsync("/api/v1/admin/regions/dach", new { name = "DACH", countries = new[] { "DE", "AT" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        using var added = await admin.PutAsJsonAsync("/api/v1/admin/regions/africa", new { name = "Africa", countries = new[] { "za", "KE" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(["ZA", "KE"], (await added.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        using var removed = await admin.DeleteAsync("/api/v1/admin/regions/africa", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    private async Task<JsonElement> CreateAsync(object body)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/titles", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task LicenseAsync(string id, params object[] licences)
    {
        using var response = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{id}/licences", licences, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An asset row as the pipeline leaves it after publishing (the catalog needs no bytes to decide).</summary>
    private async Task<string> ReadyAssetAsync()
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var id = Ids.New();
        db.Assets.Add(new MediaAsset { Id = id, Status = AssetStatus.Ready, PublishedVersion = 1 });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<List<string>> ListedAsync()
    {
        var page = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/titles?limit=100", TestContext.Current.CancellationToken);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
