using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;
using Marquee.Origin.Tests.Discovery;

namespace Marquee.Origin.Tests.Community;

/// <summary>Public faces, taste matching, follows and the feed, over real HTTP.</summary>
public sealed class PeopleTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync(null, null, People.Settings);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_public_face_starts_private_and_handles_are_unique_and_validated()
    {
        using var ana = await Watching.ViewerAsync(server, "ana@example.com");
        using var other = await Watching.ViewerAsync(server, "other@example.com");

        var before = await ana.GetFromJsonAsync<JsonElement>("/api/v1/social/me");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("handle").ValueKind);
        using (var set = await ana.PutAsJsonAsync("/api/v1/social/me", new { handle = "Ana_1", bio = "films at night" }))
        {
            var face = await set.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal("Ana_1", face.GetProperty("displayName").GetString());
            Assert.False(face.GetProperty("tasteMatching").GetBoolean());
            Assert.False(face.GetProperty("shareActivity").GetBoolean());
        }

        using var taken = await other.PutAsJsonAsync("/api/v1/social/me", new { handle = "ana_1" });
        Assert.Equal("That handle is taken", (await People.ProblemAsync(taken, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        var cases = new (object Body, string Field)[]
        {
            (new { handle = "ab" }, "handle"), (new { handle = "has space" }, "handle"), (new { handle = new string('a', 31) }, "handle"),
            (new { handle = "<script>" }, "handle"), (new { handle = "similar" }, "handle"), (new { }, "handle"),
            (new { handle = "fine_name", displayName = new string('n', 51) }, "displayName"),
            (new { handle = "fine_name", displayName = "two\nlines" }, "displayName"),
            (new { handle = "fine_name", bio = new string('b', 301) }, "bio"),
        };
        foreach (var (body, field) in cases)
        {
            using var refused = await other.PutAsJsonAsync("/api/v1/social/me", body);
            Assert.True((await People.ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        var page = await other.GetFromJsonAsync<JsonElement>("/api/v1/people/ANA_1");
        Assert.Equal("films at night", page.GetProperty("bio").GetString());
        Assert.Empty(page.GetProperty("activity").EnumerateArray());
        using var nobody = await other.GetAsync("/api/v1/people/nobody_here");
        await People.ProblemAsync(nobody, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Kids_profiles_are_refused_everything_social()
    {
        var film = await TestAccounts.TitleAsync(server, "Family Film");
        using var parent = await People.PersonAsync(server, "parent");
        using var kid = await Watching.KidAsync(server, parent);

        foreach (var (method, path) in new[]
                 {
                     ("GET", "/api/v1/social/me"), ("PUT", "/api/v1/social/me"), ("GET", "/api/v1/people/parent"), ("GET", "/api/v1/people/similar"),
                     ("PUT", "/api/v1/following/parent"), ("GET", "/api/v1/feed"), ("GET", $"/api/v1/titles/{film}/comments"),
                     ("POST", $"/api/v1/titles/{film}/comments"), ("GET", $"/api/v1/titles/{film}/reviews"), ("PUT", "/api/v1/blocks/parent"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { handle = "kiddo", body = "hi" }) };
            using var refused = await kid.SendAsync(request);
            Assert.Equal("Not from a kids profile", (await People.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        }

        using var review = await kid.PutAsJsonAsync($"/api/v1/ratings/{film}", new { value = "up", review = "my first review" });
        await People.ProblemAsync(review, HttpStatusCode.Forbidden);
        using var rating = await kid.PutAsJsonAsync($"/api/v1/ratings/{film}", new { value = "up" });
        Assert.Equal(HttpStatusCode.OK, rating.StatusCode);
    }

    [Fact]
    public async Task Matching_names_only_opted_in_people_with_at_most_three_shared_titles_and_forgets_who_opts_out()
    {
        var films = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            films.Add(await TestAccounts.TitleAsync(server, $"Taste Film {i}"));
        }

        using var ana = await People.PersonAsync(server, "ana", matching: true);
        using var twin = await People.PersonAsync(server, "twin", matching: true);
        using var hidden = await People.PersonAsync(server, "hidden", matching: false);
        using var opposite = await People.PersonAsync(server, "opposite", matching: true);
        foreach (var f in films)
        {
            await Watching.RateAsync(ana, f, "love");
            await Watching.RateAsync(twin, f, "love");
            await Watching.RateAsync(hidden, f, "love");
            await Watching.RateAsync(opposite, f, "down");
        }

        var match = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            match = await ana.GetFromJsonAsync<JsonElement>("/api/v1/people/similar");
            return match.GetProperty("items").GetArrayLength() > 0;
        }, "twin is matched");
        var person = Assert.Single(match.GetProperty("items").EnumerateArray());
        Assert.Equal("twin", person.GetProperty("handle").GetString());
        Assert.Equal(3, person.GetProperty("shared").GetArrayLength());
        Assert.InRange(person.GetProperty("score").GetDouble(), 0.5, 1.0);

        var notIn = await hidden.GetFromJsonAsync<JsonElement>("/api/v1/people/similar");
        Assert.False(notIn.GetProperty("optedIn").GetBoolean());
        Assert.Empty(notIn.GetProperty("items").EnumerateArray());

        using (var optOut = await twin.PutAsJsonAsync("/api/v1/social/me", new { handle = "twin", tasteMatching = false }))
        {
            Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        }

        Assert.Empty((await ana.GetFromJsonAsync<JsonElement>("/api/v1/people/similar")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_follow_brings_what_the_followed_person_shares_into_the_feed()
    {
        var film = await TestAccounts.TitleAsync(server, "Followed Film");
        var other = await TestAccounts.TitleAsync(server, "Private Film");
        using var ana = await People.PersonAsync(server, "ana");
        using var critic = await People.PersonAsync(server, "critic", sharing: true);
        using var quiet = await People.PersonAsync(server, "quiet", sharing: false);
        using (var follow = await ana.PutAsync("/api/v1/following/critic", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, follow.StatusCode);
        }

        using (var followQuiet = await ana.PutAsync("/api/v1/following/quiet", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, followQuiet.StatusCode);
        }

        await People.CommentAsync(quiet, other, "nobody should see this in a feed");
        await People.CommentAsync(critic, film, "the second act drags");
        using (var reviewed = await critic.PutAsJsonAsync($"/api/v1/ratings/{other}", new { value = "love", review = "A small miracle." }))
        {
            var rating = await reviewed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("A small miracle.", rating.GetProperty("review").GetString());
        }

        var feed = await ana.GetFromJsonAsync<JsonElement>("/api/v1/feed");
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["review", "comment"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal("love", items[0].GetProperty("value").GetString());
        Assert.Equal("A small miracle.", items[0].GetProperty("body").GetString());
        Assert.Equal("critic", items[1].GetProperty("person").GetProperty("handle").GetString());
        Assert.Equal("the second act drags", items[1].GetProperty("body").GetString());
        var reviews = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{other}/reviews");
        Assert.Equal("love", Assert.Single(reviews.GetProperty("items").EnumerateArray()).GetProperty("value").GetString());
        var page = await ana.GetFromJsonAsync<JsonElement>("/api/v1/people/critic");
        Assert.True(page.GetProperty("isFollowing").GetBoolean());
        Assert.Equal(2, page.GetProperty("activity").GetArrayLength());
        Assert.Equal(2, (await ana.GetFromJsonAsync<JsonElement>("/api/v1/following")).GetProperty("items").GetArrayLength());
        using var self = await ana.PutAsync("/api/v1/following/ana", null);
        await People.ProblemAsync(self, HttpStatusCode.BadRequest);
    }
}
