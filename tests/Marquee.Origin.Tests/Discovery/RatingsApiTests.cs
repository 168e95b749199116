using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Discovery;

/// <summary>Thumbs down, up and love per profile, over HTTP: what is kept, what is refused, and series rated as a whole.</summary>
public sealed class RatingsApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_rating_is_kept_changed_listed_and_cleared()
    {
        var film = await TestAccounts.TitleAsync(server, "Rated Film");
        var other = await TestAccounts.TitleAsync(server, "Other Film");
        using var viewer = await Watching.ViewerAsync(server, "rater@example.com");

        Assert.Equal(JsonValueKind.Null, (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/{film}", TestContext.Current.CancellationToken)).GetProperty("value").ValueKind);
        await Watching.RateAsync(viewer, film, "up");
        clock.Advance(TimeSpan.FromSeconds(1));
        await Watching.RateAsync(viewer, other, "down");
        clock.Advance(TimeSpan.FromSeconds(1));
        await Watching.RateAsync(viewer, film, "love");

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/ratings", TestContext.Current.CancellationToken);
        Assert.Equal([(film, "love"), (other, "down")], list.EnumerateArray().Select(r => (r.GetProperty("titleId").GetString(), r.GetProperty("value").GetString())));
        Assert.Equal("love", (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/{film}", TestContext.Current.CancellationToken)).GetProperty("value").GetString());

        using var cleared = await viewer.DeleteAsync($"/api/v1/ratings/{film}", TestContext.Current.CancellationToken);
        using var again = await viewer.DeleteAsync($"/api/v1/ratings/{film}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal([other], (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/ratings", TestContext.Current.CancellationToken)).EnumerateArray().Select(r => r.GetProperty("titleId").GetString()));
    }

    [Fact]
    public async Task Rating_an_episode_rates_its_series()
    {
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Rated Series", episodes: 2);
        using var viewer = await Watching.ViewerAsync(server, "series-rater@example.com");

        await Watching.RateAsync(viewer, episodes[1], "love");

        var rating = Assert.Single((await viewer.GetFromJsonAsync<JsonElement>("/api/v1/ratings", TestContext.Current.CancellationToken)).EnumerateArray());
        Assert.Equal(series, rating.GetProperty("titleId").GetString());
        Assert.Equal("love", (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/{episodes[0]}", TestContext.Current.CancellationToken)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Bad_ratings_are_refused_with_a_reason_and_keep_nothing()
    {
        var film = await TestAccounts.TitleAsync(server, "Hard To Rate");
        var german = await TestAccounts.TitleAsync(server, "Nur In Deutschland", countries: "DE");
        var grim = await TestAccounts.TitleAsync(server, "Grim Rated", maturity: 16);
        using var viewer = await Watching.ViewerAsync(server, "bad-rater@example.com");

        foreach (var body in new object[] { new { value = "meh" }, new { value = "" }, new { }, new { value = "UP" } })
        {
            using var refused = await viewer.PutAsJsonAsync($"/api/v1/ratings/{film}", body, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"value\"", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var garbled = await viewer.PutAsync($"/api/v1/ratings/{film}", new StringContent("{\"value\":", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        using var unknown = await viewer.PutAsJsonAsync("/api/v1/ratings/0000000000000000", new { value = "up" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var elsewhere = await viewer.PutAsJsonAsync($"/api/v1/ratings/{german}", new { value = "up" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var anonymous = await Viewers.From(server, Viewers.Us).PutAsJsonAsync($"/api/v1/ratings/{film}", new { value = "up" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A kids profile cannot rate what it may not see.
        using var account = await Watching.ViewerAsync(server, "kid-rater@example.com");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var kid = await Watching.KidAsync(server, account);
        using var tooOld = await kid.PutAsJsonAsync($"/api/v1/ratings/{grim}", new { value = "love" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, tooOld.StatusCode);

        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>("/api/v1/ratings", TestContext.Current.CancellationToken)).EnumerateArray());
        Assert.Empty((await kid.GetFromJsonAsync<JsonElement>("/api/v1/ratings", TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Fact]
    public async Task Deleting_a_profile_deletes_its_ratings_and_unlinks_its_plays()
    {
        var film = await TestAccounts.TitleAsync(server, "Forgotten Film");
        using var account = await Watching.ViewerAsync(server, "forgetful@example.com");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var created = await account.PostAsJsonAsync("/api/v1/profiles", new { name = "Second" }, TestContext.Current.CancellationToken);
        var secondId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        using var selected = await account.PostAsJsonAsync($"/api/v1/profiles/{secondId}/select", new { }, TestContext.Current.CancellationToken);
        using var second = Viewers.From(server, Viewers.Us, (await selected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString());
        await Watching.WatchAsync(second, film);
        await Watching.RateAsync(second, film, "love");

        using var deleted = await account.DeleteAsync($"/api/v1/profiles/{secondId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marquee.Origin.Data.MarqueeDbContext>();
        Assert.False(await db.Ratings.AnyAsync(r => r.ProfileId == secondId, TestContext.Current.CancellationToken));
        Assert.False(await db.PlaybackStarts.AnyAsync(p => p.ProfileId == secondId, TestContext.Current.CancellationToken));
        Assert.True(await db.PlaybackStarts.AnyAsync(p => p.TitleId == film, TestContext.Current.CancellationToken));
    }
}
