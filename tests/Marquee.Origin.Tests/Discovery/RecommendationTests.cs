using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;

namespace Marquee.Origin.Tests.Discovery;

/// <summary>
/// "More like this", the personal rows and the charts, from viewing through the real API: what people watched together
/// decides, what a viewer may not watch never shows, finished and disliked titles leave, rows do not repeat each other,
/// and the same request gives the same answer.
/// </summary>
public sealed class RecommendationTests : IAsyncLifetime
{
    private OriginServer server = null!;
    private HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        // The refresher waits a minute; these tests rebuild through the admin endpoint when they want to.
        server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000", "--Discovery:RefreshSeconds", "3600");
        admin = await TestAccounts.AdminClientAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task More_like_this_follows_what_the_same_people_watched_and_leaves_out_what_the_viewer_may_not_watch()
    {
        var anchor = await TestAccounts.TitleAsync(server, "Anchor Film", genres: "Drama", year: 2001);
        var companion = await TestAccounts.TitleAsync(server, "Companion Film", genres: "Comedy", year: 1980);
        var loner = await TestAccounts.TitleAsync(server, "Loner Film", genres: "Comedy", year: 1980);
        var german = await TestAccounts.TitleAsync(server, "Deutscher Begleiter", countries: "DE", genres: "Comedy", year: 1980);
        var grim = await TestAccounts.TitleAsync(server, "Grim Companion", maturity: 16, genres: "Comedy", year: 1980);
        // New, never played, but a drama of the same year: content similarity gives it a place.
        var newcomer = await TestAccounts.TitleAsync(server, "Newcomer Drama", genres: "Drama", year: 2001);
        for (var i = 0; i < 4; i++)
        {
            using var fan = await Watching.ViewerAsync(server, $"fan{i}@example.com", Viewers.De);
            await Watching.WatchAsync(fan, anchor);
            await Watching.WatchAsync(fan, companion);
            await Watching.WatchAsync(fan, german);
            await Watching.WatchAsync(fan, grim);
        }

        using var odd = await Watching.ViewerAsync(server, "odd@example.com");
        await Watching.WatchAsync(odd, anchor, 0.5);
        await Watching.WatchAsync(odd, loner, 0.5);
        await Watching.RebuildAsync(admin);

        using var us = await Watching.ViewerAsync(server, "us-viewer@example.com");
        var similar = await Watching.SimilarAsync(us, anchor);
        Assert.Contains(newcomer, similar);
        Assert.Contains(loner, similar);
        Assert.True(similar.IndexOf(companion) < similar.IndexOf(loner), string.Join(",", similar));
        Assert.DoesNotContain(german, similar);
        Assert.DoesNotContain(anchor, similar);
        Assert.Equal(similar, await Watching.SimilarAsync(us, anchor));
        Assert.Equal(similar, await Watching.SimilarAsync(Viewers.From(server, Viewers.Us), anchor));

        // In Germany the German title is there, and ranks as the fans watched it; a kids profile never gets the 16+ one.
        using var de = await Watching.ViewerAsync(server, "de-viewer@example.com", Viewers.De);
        var inGermany = await Watching.SimilarAsync(de, anchor);
        Assert.Contains(german, inGermany);
        Assert.True(inGermany.IndexOf(german) < inGermany.IndexOf(loner), string.Join(",", inGermany));
        using var kid = await KidAsync(us);
        Assert.Contains(grim, similar);
        Assert.DoesNotContain(grim, await Watching.SimilarAsync(kid, anchor));

        using var unknown = await us.GetAsync("/api/v1/titles/0000000000000000/similar", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unlicensed = await us.GetAsync($"/api/v1/titles/{german}/similar", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, unlicensed.StatusCode);
        using var badCount = await us.GetAsync($"/api/v1/titles/{anchor}/similar?count=0", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
    }

    [Fact]
    public async Task Personal_rows_name_what_was_watched_drop_finished_and_disliked_titles_and_never_repeat()
    {
        await CrowdAsync("shelf");
        var a = await TitlesAsync("Alpha", 5, "Drama");
        var b = await TitlesAsync("Beta", 4, "Comedy");
        var unrelated = await TestAccounts.TitleAsync(server, "Unrelated Film", genres: "Western");
        // Two people watched every Alpha, two others every Beta.
        for (var i = 0; i < 4; i++)
        {
            using var other = await Watching.ViewerAsync(server, $"shelf-taste{i}@example.com");
            foreach (var t in i < 2 ? a : b)
            {
                await Watching.WatchAsync(other, t);
            }
        }

        using var viewer = await Watching.ViewerAsync(server, "me@example.com");
        await Watching.WatchAsync(viewer, unrelated, 0.3);
        await Watching.WatchAsync(viewer, a[0]);
        await Watching.RateAsync(viewer, b[0], "love");
        await Watching.RebuildAsync(admin);

        var browse = await BrowseAsync(viewer, 3);
        Assert.Equal("Because you watched Beta 0", Title(browse, "because:" + b[0]));
        Assert.Equal("Because you watched Alpha 0", Title(browse, "because:" + a[0]));
        Assert.Equal(b[1..].Order(), Watching.Row(browse, "because:" + b[0])!.Order());
        var becauseAlpha = Watching.Row(browse, "because:" + a[0])!;
        Assert.Equal(3, becauseAlpha.Count);
        Assert.Subset(a[1..].ToHashSet(), becauseAlpha.ToHashSet());
        // The fourth Alpha is the best of what is left: the first of the picks.
        Assert.StartsWith("Top picks for ", Title(browse, "for-you"), StringComparison.Ordinal);
        Assert.Equal(a[1..].Except(becauseAlpha).Single(), Watching.Row(browse, "for-you")![0]);
        Assert.Equal(10, Watching.Row(browse, "top-10")!.Count);

        // Nothing already watched or rated comes back in the picks, and no title is in two of these rows.
        var personal = Personal(browse);
        Assert.Equal(personal.Count, personal.Distinct().Count());
        Assert.DoesNotContain(a[0], personal);
        Assert.DoesNotContain(b[0], personal);
        Assert.DoesNotContain(unrelated, personal);

        // A thumbs down counts at once, before any rebuild: out of every row, and the others move up.
        await Watching.RateAsync(viewer, a[1], "down");
        var after = await BrowseAsync(viewer, 3);
        Assert.DoesNotContain(a[1], Personal(after));
        Assert.Equal(a[2..].Order(), Watching.Row(after, "because:" + a[0])!.Order());

        // The same request a moment later: the same rows, in the same order.
        Assert.Equal(after.GetProperty("rows").GetRawText(), (await BrowseAsync(viewer, 3)).GetProperty("rows").GetRawText());
    }

    [Fact]
    public async Task The_top_10_counts_viewers_in_the_region_ranks_them_and_shows_only_what_the_viewer_may_watch()
    {
        var hit = await TestAccounts.TitleAsync(server, "Regional Hit", genres: "Action");
        var second = await TestAccounts.TitleAsync(server, "Regional Second", genres: "Action");
        var adult = await TestAccounts.TitleAsync(server, "Adult Hit", maturity: 16, genres: "Action");
        var german = await TestAccounts.TitleAsync(server, "German Hit", genres: "Action");
        for (var i = 0; i < 3; i++)
        {
            using var fan = await Watching.ViewerAsync(server, $"us-fan{i}@example.com");
            await Watching.WatchAsync(fan, hit, 0.2);
            if (i > 0)
            {
                await Watching.WatchAsync(fan, adult, 0.2);
            }

            if (i == 0)
            {
                await Watching.WatchAsync(fan, second, 0.2);
                // One person playing a title many times is one viewer.
                await Watching.WatchAsync(fan, second, 0.2);
                await Watching.WatchAsync(fan, second, 0.2);
                await Watching.WatchAsync(fan, second, 0.2);
            }
        }

        using var germanFan = await Watching.ViewerAsync(server, "de-fan@example.com", Viewers.De);
        await Watching.WatchAsync(germanFan, german, 0.2);
        await Watching.RebuildAsync(admin);

        using var viewer = await Watching.ViewerAsync(server, "charts@example.com");
        var top = (await Watching.BrowseAsync(viewer)).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "top-10");
        Assert.StartsWith("Top 10 in ", top.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal([(hit, 1), (adult, 2), (second, 3)], top.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("rank").GetInt32())));
        var anonymousTop = Watching.Row(await Watching.BrowseAsync(Viewers.From(server, Viewers.Us)), "top-10");
        Assert.Equal([hit, adult, second], anonymousTop);
        Assert.Equal([german], Watching.Row(await Watching.BrowseAsync(germanFan), "top-10"));

        // A kids profile's chart has the adult title removed before ranking: the next ones move up.
        using var account = await Watching.ViewerAsync(server, "charts-family@example.com");
        using var kid = await KidAsync(account);
        var kidTop = (await Watching.BrowseAsync(kid)).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "top-10");
        Assert.Equal([(hit, 1), (second, 2)], kidTop.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("rank").GetInt32())));
    }

    [Fact]
    public async Task A_kids_profile_is_its_own_viewer()
    {
        await CrowdAsync("family");
        var cartoons = await TitlesAsync("Cartoon", 4, "Animation");
        var thrillers = await TitlesAsync("Thriller", 4, "Thriller");
        for (var i = 0; i < 2; i++)
        {
            using var other = await Watching.ViewerAsync(server, $"family-taste{i}@example.com");
            foreach (var t in cartoons.Concat(thrillers))
            {
                await Watching.WatchAsync(other, t);
            }
        }

        using var parent = await Watching.ViewerAsync(server, "family-rec@example.com");
        using var kid = await KidAsync(parent);
        await Watching.WatchAsync(kid, cartoons[0]);
        await Watching.WatchAsync(parent, thrillers[0]);
        await Watching.RebuildAsync(admin);

        var kidRows = await BrowseAsync(kid, 3);
        var parentRows = await BrowseAsync(parent, 3);
        Assert.NotNull(Watching.Row(kidRows, "because:" + cartoons[0]));
        Assert.Null(Watching.Row(kidRows, "because:" + thrillers[0]));
        Assert.NotNull(Watching.Row(parentRows, "because:" + thrillers[0]));
        Assert.Null(Watching.Row(parentRows, "because:" + cartoons[0]));
        Assert.Contains(Personal(parentRows), cartoons.Contains);
        Assert.DoesNotContain(cartoons[0], Personal(kidRows));
        Assert.DoesNotContain(thrillers[0], Personal(parentRows));
    }

    [Fact]
    public async Task Only_an_admin_may_rebuild()
    {
        using var viewer = await Watching.ViewerAsync(server, "not-admin@example.com");
        using var refused = await viewer.PostAsync("/api/v1/admin/recommendations/rebuild", null, TestContext.Current.CancellationToken);
        using var anonymous = await Viewers.From(server, Viewers.Us).PostAsync("/api/v1/admin/recommendations/rebuild", null, TestContext.Current.CancellationToken);
        using var done = await admin.PostAsync("/api/v1/admin/recommendations/rebuild", null, TestContext.Current.CancellationToken);
        using var again = await admin.PostAsync("/api/v1/admin/recommendations/rebuild", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var first = (await done.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("version").GetInt64();
        var second = (await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("version").GetInt64();
        Assert.Equal(first + 1, second);
    }

    /// <summary>Ten titles four other people each played: the region's top 10, so the personal rows have the rest.</summary>
    private async Task CrowdAsync(string prefix)
    {
        var crowd = await TitlesAsync(prefix + " Crowd", 10, "Documentary");
        for (var i = 0; i < 4; i++)
        {
            using var viewer = await Watching.ViewerAsync(server, $"{prefix}-crowd{i}@example.com");
            foreach (var t in crowd)
            {
                await Watching.WatchAsync(viewer, t, 0.2);
            }
        }
    }

    private async Task<List<string>> TitlesAsync(string prefix, int count, string genres = "Drama")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await TestAccounts.TitleAsync(server, $"{prefix} {i}", genres: genres));
        }

        return ids;
    }

    /// <summary>A kids profile of <paramref name="account"/>'s account; profiles are told apart by creation time.</summary>
    private async Task<HttpClient> KidAsync(HttpClient account)
    {
        await Task.Delay(5, TestContext.Current.CancellationToken);
        return await Watching.KidAsync(server, account);
    }

    private static async Task<JsonElement> BrowseAsync(HttpClient viewer, int perRow) =>
        await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/browse?perRow={perRow}");

    private static string? Title(JsonElement browse, string id) =>
        browse.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("id").GetString() == id).Select(r => r.GetProperty("title").GetString()).FirstOrDefault();

    /// <summary>Every title in the rows that must not repeat each other: top 10, picks, "because", trending.</summary>
    private static List<string> Personal(JsonElement browse) =>
        [.. browse.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("id").GetString() is "for-you" or "top-10" or "trending" || r.GetProperty("id").GetString()!.StartsWith("because:", StringComparison.Ordinal))
            .SelectMany(r => r.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!))];
}
