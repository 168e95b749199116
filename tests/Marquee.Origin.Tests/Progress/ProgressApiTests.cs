using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Tests.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Progress;

public sealed class ProgressApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_heartbeat_saves_the_position_and_the_title_answers_with_it()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "saver@example.com", plan: "premium");
        var movie = await TestAccounts.TitleAsync(server, "Saved Film");
        var lease = await PlayAsync(viewer, movie);

        using var bare = await viewer.PostAsync($"/api/v1/streams/{lease}/renew", null);
        using var reported = await ReportAsync(viewer, lease, movie, 12.5, 20);
        var saved = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}");

        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.True((await reported.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("expiresAt", out _));
        var item = Assert.Single(saved.GetProperty("items").EnumerateArray());
        Assert.Equal(movie, item.GetProperty("playbackId").GetString());
        Assert.Equal(12.5, item.GetProperty("positionSeconds").GetDouble());
        Assert.Equal(20, item.GetProperty("durationSeconds").GetDouble());
        Assert.False(item.GetProperty("finished").GetBoolean());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), item.GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());

        clock.Advance(TimeSpan.FromSeconds(5));
        using (await ReportAsync(viewer, lease, movie, 19, 20))
        {
        }

        var finished = Assert.Single((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        Assert.Equal(19, finished.GetProperty("positionSeconds").GetDouble());
        Assert.True(finished.GetProperty("finished").GetBoolean());
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>("/api/v1/progress/0000000000000000")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Ending_a_stream_with_its_last_position_saves_it_and_frees_the_slot_in_one_request()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "closer@example.com", plan: "free");
        var movie = await TestAccounts.TitleAsync(server, "Closing Film", free: true);
        var lease = await PlayAsync(viewer, movie);

        using var bad = await viewer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/streams/{lease}")
        {
            Content = JsonContent.Create(new { playbackId = movie, positionSeconds = 30.0, durationSeconds = 20.0 }),
        });
        using var stopped = await viewer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/streams/{lease}")
        {
            Content = JsonContent.Create(new { playbackId = movie, positionSeconds = 7.5, durationSeconds = 20.0 }),
        });
        using var again = await viewer.DeleteAsync($"/api/v1/streams/{lease}");
        var saved = Assert.Single((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        using var next = await viewer.PostAsync($"/api/v1/playback/{movie}", null);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(7.5, saved.GetProperty("positionSeconds").GetDouble());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_browser_reports_with_its_cookie_and_antiforgery_header_like_any_other_change()
    {
        (await TestAccounts.SignedInClientAsync(server, "tab@example.com", plan: "premium")).Dispose();
        var movie = await TestAccounts.TitleAsync(server, "Tab Film");
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        using (await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "tab@example.com", password = TestAccounts.Password }))
        {
        }

        var csrf = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery")).GetProperty("token").GetString();
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
        var lease = await PlayAsync(browser, movie);

        // What fetch(…, {keepalive: true}) sends as the tab closes: the cookie, the header and the JSON body.
        using var closing = await ReportAsync(browser, lease, movie, 33, 60);
        browser.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        using var forged = await ReportAsync(browser, lease, movie, 1, 60);

        Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var saved = Assert.Single((await browser.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        Assert.Equal(33, saved.GetProperty("positionSeconds").GetDouble());
    }

    [Fact]
    public async Task Progress_belongs_to_the_profile_and_another_account_sees_none_of_it()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "mine@example.com", plan: "premium");
        using var stranger = await TestAccounts.SignedInClientAsync(server, "stranger@example.com", plan: "premium");
        var movie = await TestAccounts.TitleAsync(server, "Private Film");
        var lease = await PlayAsync(viewer, movie);

        using var stolen = await ReportAsync(stranger, lease, movie, 5, 20);
        using (await ReportAsync(viewer, lease, movie, 5, 20))
        {
        }

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        Assert.Single((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Bad_reports_are_refused_with_the_field_and_save_nothing()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "sloppy@example.com", plan: "premium");
        var movie = await TestAccounts.TitleAsync(server, "Strict Film");
        var other = await TestAccounts.TitleAsync(server, "Other Film");
        var (_, foreignEpisodes) = await TestAccounts.SeriesAsync(server, "Foreign Series", episodes: 1);
        var lease = await PlayAsync(viewer, movie);

        var cases = new (object Body, string Field)[]
        {
            (new { positionSeconds = 1, durationSeconds = 20 }, "playbackId"),
            (new { playbackId = new string('a', 33), positionSeconds = 1, durationSeconds = 20 }, "playbackId"),
            (new { playbackId = movie, durationSeconds = 20 }, "positionSeconds"),
            (new { playbackId = movie, positionSeconds = -1, durationSeconds = 20 }, "positionSeconds"),
            (new { playbackId = movie, positionSeconds = 21, durationSeconds = 20 }, "positionSeconds"),
            (new { playbackId = movie, positionSeconds = 0, durationSeconds = 0 }, "durationSeconds"),
            (new { playbackId = movie, positionSeconds = 1, durationSeconds = 86_401 }, "durationSeconds"),
            (new { playbackId = other, positionSeconds = 1, durationSeconds = 20 }, "playbackId"),
            (new { playbackId = foreignEpisodes[0], positionSeconds = 1, durationSeconds = 20 }, "playbackId"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await viewer.PostAsJsonAsync($"/api/v1/streams/{lease}/renew", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{JsonSerializer.Serialize(body)} → {errors}");
            Assert.EndsWith(".", messages[0].GetString(), StringComparison.Ordinal);
        }

        using var notJson = new StringContent("{\"playbackId\":\"x\",\"positionSeconds\":\"soon\"}", System.Text.Encoding.UTF8, "application/json");
        using var garbled = await viewer.PostAsync($"/api/v1/streams/{lease}/renew", notJson);
        using var unknownLease = await ReportAsync(viewer, "0000000000000000", movie, 1, 20);

        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownLease.StatusCode);
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{other}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_series_lease_takes_reports_for_any_of_its_episodes_most_recent_first()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "binge@example.com", plan: "premium");
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Binge Series", episodes: 3);

        // The lease of an episode names its series; the player moves on to the next episode on the same lease.
        var lease = await PlayAsync(viewer, episodes[0]);
        using var first = await ReportAsync(viewer, lease, episodes[0], 58, 60);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var next = await ReportAsync(viewer, lease, episodes[1], 7, 60);
        // A series has no media of its own: its id is not something a player plays.
        using var asSeries = await ReportAsync(viewer, lease, series, 7, 60);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asSeries.StatusCode);
        var items = (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{series}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([episodes[1], episodes[0]], items.Select(i => i.GetProperty("playbackId").GetString()));
        Assert.False(items[0].GetProperty("finished").GetBoolean());
        Assert.True(items[1].GetProperty("finished").GetBoolean());
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{episodes[0]}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Playback_offers_the_saved_position_unless_it_was_finished_or_barely_started()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "resume@example.com", plan: "premium");
        var movie = await TestAccounts.TitleAsync(server, "Resumable Film");
        var (_, episodes) = await TestAccounts.SeriesAsync(server, "Resumable Series", episodes: 2);

        using var fresh = await viewer.PostAsync($"/api/v1/playback/{movie}", null);
        var freshAnswer = await fresh.Content.ReadFromJsonAsync<JsonElement>();
        var lease = freshAnswer.GetProperty("leaseId").GetString()!;
        Assert.Equal(JsonValueKind.Null, freshAnswer.GetProperty("resumeAt").ValueKind);

        Assert.Equal(42.5, await ResumeAtAfterAsync(viewer, lease, movie, movie, 42.5, 100));
        Assert.Null(await ResumeAtAfterAsync(viewer, lease, movie, movie, 0.5, 100));
        Assert.Null(await ResumeAtAfterAsync(viewer, lease, movie, movie, 96, 100));

        var episodeLease = await PlayAsync(viewer, episodes[0]);
        Assert.Equal(30, await ResumeAtAfterAsync(viewer, episodeLease, episodes[0], episodes[0], 30, 60));
        // Each episode resumes from its own position: the next one starts from the beginning.
        using var nextEpisode = await viewer.PostAsync($"/api/v1/playback/{episodes[1]}", null);
        Assert.Equal(HttpStatusCode.OK, nextEpisode.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await nextEpisode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeAt").ValueKind);
    }

    [Fact]
    public async Task Continue_watching_is_the_first_row_one_per_title_most_recent_first_without_finished_titles()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "row@example.com", plan: "premium");
        var started = await TestAccounts.TitleAsync(server, "Started Film");
        var done = await TestAccounts.TitleAsync(server, "Finished Film");
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Row Series", episodes: 2);

        Assert.NotEqual("continue", (await BrowseAsync(viewer))[0].GetProperty("id").GetString());

        using (await ReportAsync(viewer, await PlayAsync(viewer, started), started, 10, 100))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var seriesLease = await PlayAsync(viewer, episodes[0]);
        using (await ReportAsync(viewer, seriesLease, episodes[0], 30, 60))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using (await ReportAsync(viewer, seriesLease, episodes[1], 5, 60))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using (await ReportAsync(viewer, await PlayAsync(viewer, done), done, 99, 100))
        {
        }

        var rows = await BrowseAsync(viewer);
        var row = rows[0];
        Assert.Equal("continue", row.GetProperty("id").GetString());
        Assert.Equal("Continue watching", row.GetProperty("title").GetString());
        var items = row.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([series, started], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("Row Series", items[0].GetProperty("title").GetString());
        var resume = items[0].GetProperty("resume");
        Assert.Equal(episodes[1], resume.GetProperty("playbackId").GetString());
        Assert.Equal(5, resume.GetProperty("positionSeconds").GetDouble());
        Assert.Equal(60, resume.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(10, items[1].GetProperty("resume").GetProperty("positionSeconds").GetDouble());
        // Every other row keeps its summaries as they were: no resume property at all.
        Assert.All(rows.Skip(1).SelectMany(r => r.GetProperty("items").EnumerateArray()), i => Assert.False(i.TryGetProperty("resume", out _)));

        using var removedSeries = await viewer.DeleteAsync($"/api/v1/progress/{series}");
        Assert.Equal(HttpStatusCode.NoContent, removedSeries.StatusCode);
        Assert.Equal([started], (await BrowseAsync(viewer))[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{series}")).GetProperty("items").EnumerateArray());

        using var removedMovie = await viewer.DeleteAsync($"/api/v1/progress/{started}");
        Assert.Equal(HttpStatusCode.NoContent, removedMovie.StatusCode);
        Assert.NotEqual("continue", (await BrowseAsync(viewer))[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_kids_profile_sees_only_its_own_progress_and_only_on_titles_it_may_watch_now()
    {
        using var parent = await TestAccounts.SignedInClientAsync(server, "family@example.com", plan: "premium");
        using var admin = await TestAccounts.AdminClientAsync(server);
        var adultFilm = await TestAccounts.TitleAsync(server, "Grown-up Film", maturity: 16);
        var cartoon = await TestAccounts.TitleAsync(server, "Cartoon", maturity: 0);
        // Created after the main profile, so the main one stays the account's first (the clock stands still otherwise).
        clock.Advance(TimeSpan.FromSeconds(1));
        using var created = await parent.PostAsJsonAsync("/api/v1/profiles", new { name = "Kid", maturityLimit = 7 });
        var kidId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var selected = await parent.PostAsJsonAsync($"/api/v1/profiles/{kidId}/select", new { });
        using var kid = TestAccounts.Client(server, (await selected.Content.ReadFromJsonAsync<TokenPair>())!.AccessToken);

        using (await ReportAsync(parent, await PlayAsync(parent, adultFilm), adultFilm, 10, 100))
        {
        }

        using (await ReportAsync(kid, await PlayAsync(kid, cartoon), cartoon, 10, 100))
        {
        }

        Assert.Equal([adultFilm], ContinueIds(await BrowseAsync(parent)));
        Assert.Equal([cartoon], ContinueIds(await BrowseAsync(kid)));
        Assert.Empty((await kid.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{adultFilm}")).GetProperty("items").EnumerateArray());

        // Re-rated above the kid's limit after they started it: the row no longer offers it.
        using var rerated = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{cartoon}", new { maturityRating = 13 });
        Assert.Equal(HttpStatusCode.OK, rerated.StatusCode);
        Assert.Empty(ContinueIds(await BrowseAsync(kid)));
    }

    private static async Task<string> PlayAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/v1/playback/{id}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString()!;
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, string lease, string playbackId, double position, double duration) =>
        client.PostAsJsonAsync($"/api/v1/streams/{lease}/renew", new { playbackId, positionSeconds = position, durationSeconds = duration });

    /// <summary>Reports a position on the lease, then starts <paramref name="playId"/> again (releasing that playback's lease) and returns its resumeAt.</summary>
    private static async Task<double?> ResumeAtAfterAsync(HttpClient client, string lease, string playId, string reportedId, double position, double duration)
    {
        using (var report = await ReportAsync(client, lease, reportedId, position, duration))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        using var again = await client.PostAsync($"/api/v1/playback/{playId}", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
        using (await client.DeleteAsync($"/api/v1/streams/{answer.GetProperty("leaseId").GetString()}"))
        {
        }

        var resumeAt = answer.GetProperty("resumeAt");
        return resumeAt.ValueKind == JsonValueKind.Null ? null : resumeAt.GetDouble();
    }

    private static async Task<List<JsonElement>> BrowseAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/browse")).GetProperty("rows").EnumerateArray()];

    private static List<string?> ContinueIds(List<JsonElement> rows) =>
        rows[0].GetProperty("id").GetString() == "continue" ? [.. rows[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())] : [];
}
