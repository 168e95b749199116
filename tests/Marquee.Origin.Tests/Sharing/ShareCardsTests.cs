using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marquee.Origin.Data;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Sharing;

/// <summary>
/// Shared links unfurl: a crawler that runs no script gets the title's card in the first response, read here the way
/// link previews read it (open-graph-scraper, a JSON-LD parse), with every value escaped for where it stands.
/// </summary>
public sealed partial class ShareCardsTests : IAsyncLifetime
{
    private const string Nasty = "Tom & \"Jerry\" <script>alert(1)</script>";
    private const string NastySynopsis = "A cat & a mouse.\n\"Chase\" <b>everything</b> </script><script>alert(2)</script> " +
        "and then the long tail of a synopsis that goes on well past what any card shows, so that it has to be cut somewhere sensible, at a word, with an ellipsis after it.";

    private readonly string root = TestPaths.NewScratchFolder("share-web-root");
    private OriginServer server = null!;
    private HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"),
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Marquee</title><!--marquee:player-head <link rel=\"modulepreload\" href=\"/assets/p.js\">--></head>" +
            "<body><div id=\"root\"></div><!--marquee:playback--></body></html>");
        server = await OriginServer.StartAsync(null, "--Web:Root", root, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000", "--Sharing:OEmbedPerMinute", "600");
        admin = await TestAccounts.AdminClientAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_crawler_gets_the_card_with_every_tag_escaped_and_a_parser_reads_it_back()
    {
        var id = await NastyTitleAsync();
        var slug = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/titles/{id}")).GetProperty("slug").GetString()!;

        var (status, og) = await CrawlAsync($"/title/{slug}");
        Assert.Equal(200, status);
        Assert.Equal(Nasty, og.GetProperty("ogTitle").GetString());
        Assert.Equal("video.movie", og.GetProperty("ogType").GetString());
        Assert.Equal("Marquee", og.GetProperty("ogSiteName").GetString());
        Assert.Equal($"{Site}/title/{slug}", og.GetProperty("ogUrl").GetString());
        Assert.Equal("summary_large_image", og.GetProperty("twitterCard").GetString());
        var description = og.GetProperty("ogDescription").GetString()!;
        Assert.StartsWith("A cat & a mouse. \"Chase\" <b>everything</b> </script><script>alert(2)</script> and then", description, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", description, StringComparison.Ordinal);
        Assert.True(description.Length <= 200, description);
        var image = og.GetProperty("ogImage")[0];
        Assert.Equal(320, Number(image.GetProperty("width")));
        Assert.Equal(180, Number(image.GetProperty("height")));
        using (var poster = await server.Http.GetAsync(new Uri(image.GetProperty("url").GetString()!).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
            Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        }

        var video = og.GetProperty("ogVideo")[0];
        Assert.Equal("video/mp4", video.GetProperty("type").GetString());
        Assert.EndsWith("/preview.mp4", video.GetProperty("url").GetString(), StringComparison.Ordinal);

        // The raw page: nothing the title holds became markup, and the JSON-LD block parses into the same facts.
        var html = await server.Http.GetStringAsync($"/title/{slug}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>everything", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"root\"></div>", html, StringComparison.Ordinal);
        var ld = JsonDocument.Parse(LdJson().Match(html).Groups[1].Value).RootElement;
        Assert.Equal("Movie", ld.GetProperty("@type").GetString());
        Assert.Equal(Nasty, ld.GetProperty("name").GetString());
        Assert.Equal("PT1H30M23S", ld.GetProperty("duration").GetString());
        var videoObject = ld.GetProperty("video");
        Assert.Equal("VideoObject", videoObject.GetProperty("@type").GetString());
        Assert.EndsWith($"/embed/{id}", videoObject.GetProperty("embedUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("PT1H30M23S", videoObject.GetProperty("duration").GetString());
        Assert.True(DateTimeOffset.TryParse(videoObject.GetProperty("uploadDate").GetString(), out _));
        Assert.Equal(image.GetProperty("url").GetString(), videoObject.GetProperty("thumbnailUrl").GetString());

        // oEmbed discovery names this page.
        var oembed = OEmbedLink().Match(html).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains("/oembed?url=" + Uri.EscapeDataString($"{Site}/title/{slug}"), oembed, StringComparison.Ordinal);
        using var discovered = await server.Http.GetAsync(new Uri(oembed).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, discovered.StatusCode);

        // The player's address of the same title carries the card too.
        var (watchStatus, watch) = await CrawlAsync($"/watch/{id}?t=90");
        Assert.Equal(200, watchStatus);
        Assert.Equal(Nasty, watch.GetProperty("ogTitle").GetString());
    }

    [Fact]
    public async Task Series_and_episodes_have_cards_of_their_kind()
    {
        var (seriesId, episodes) = await TestAccounts.SeriesAsync(server, "Card Series", episodes: 2);
        var (_, series) = await CrawlAsync($"/title/{seriesId}");
        var (_, episode) = await CrawlAsync($"/watch/{episodes[1]}");

        Assert.Equal("video.tv_show", series.GetProperty("ogType").GetString());
        Assert.Equal("video.episode", episode.GetProperty("ogType").GetString());
        Assert.Equal("Card Series: S1 E2 \u00b7 Card Series 2", episode.GetProperty("ogTitle").GetString());
        var html = await server.Http.GetStringAsync($"/watch/{episodes[1]}");
        var ld = JsonDocument.Parse(LdJson().Match(html).Groups[1].Value).RootElement;
        Assert.Equal("TVEpisode", ld.GetProperty("@type").GetString());
        Assert.Equal(2, ld.GetProperty("episodeNumber").GetInt32());
        Assert.Equal("Card Series", ld.GetProperty("partOfSeries").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_unpublished_deleted_and_unshareable_titles_get_no_card()
    {
        var unpublished = await TestAccounts.TitleAsync(server, "Not Yet");
        using (await admin.PostAsync($"/api/v1/admin/titles/{unpublished}/unpublish", null))
        {
        }

        var deleted = await TestAccounts.TitleAsync(server, "Gone Title");
        using (await admin.DeleteAsync($"/api/v1/admin/titles/{deleted}"))
        {
        }

        var private_ = await TestAccounts.TitleAsync(server, "Quiet Title");
        using (var off = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{private_}", new { shareable = false }))
        {
            Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shareable").GetBoolean());
        }

        foreach (var (path, status) in new[] { ("/title/no-such-title", 404), ($"/title/{unpublished}", 404), ($"/watch/{deleted}", 404), ($"/title/{private_}", 200), ($"/watch/{private_}", 200) })
        {
            using var response = await server.Http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("og:title", html, StringComparison.Ordinal);
            Assert.DoesNotContain("application/ld+json", html, StringComparison.Ordinal);
            // People still get the app, which says what is wrong in its own words.
            Assert.Contains("<div id=\"root\"></div>", html, StringComparison.Ordinal);
        }

        using var oembed = await server.Http.GetAsync($"/oembed?url={Uri.EscapeDataString(Site + "/title/" + private_)}");
        using var embed = await server.Http.GetAsync($"/embed/{private_}");
        Assert.Equal(HttpStatusCode.NotFound, oembed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, embed.StatusCode);
    }

    [Fact]
    public async Task Other_pages_carry_the_service_card_and_a_public_list_its_own()
    {
        var (_, home) = await CrawlAsync("/");
        Assert.Equal("Marquee", home.GetProperty("ogTitle").GetString());
        Assert.Equal("website", home.GetProperty("ogType").GetString());

        var film = await TestAccounts.TitleAsync(server, "Listed Film");
        using var owner = await TestAccounts.SignedInClientAsync(server, "lister-card@example.com");
        using var created = await owner.PostAsJsonAsync("/api/v1/playlists", new { name = "Friday <night>", @public = true });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using (await owner.PutAsync($"/api/v1/playlists/{id}/items/{film}", null))
        {
        }

        var (status, list) = await CrawlAsync($"/list/{id}");
        Assert.Equal(200, status);
        Assert.Equal("Friday <night>", list.GetProperty("ogTitle").GetString());
        Assert.Equal("1 title: Listed Film", list.GetProperty("ogDescription").GetString());

        using (await owner.PatchAsJsonAsync($"/api/v1/playlists/{id}", new { @public = false }))
        {
        }

        using var hidden = await server.Http.GetAsync($"/list/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Friday", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OEmbed_answers_for_our_links_only_honours_the_size_limits_and_refuses_junk_with_a_reason()
    {
        var id = await NastyTitleAsync();
        var page = $"{Site}/title/{id}";

        using var full = await server.Http.GetAsync($"/oembed?url={Uri.EscapeDataString(page)}&format=json");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("*", full.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var answer = await full.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1.0", answer.GetProperty("version").GetString());
        Assert.Equal("video", answer.GetProperty("type").GetString());
        Assert.Equal(Nasty, answer.GetProperty("title").GetString());
        Assert.Equal("Marquee", answer.GetProperty("provider_name").GetString());
        Assert.Equal(640, answer.GetProperty("width").GetInt32());
        Assert.Equal(360, answer.GetProperty("height").GetInt32());
        Assert.Equal(320, answer.GetProperty("thumbnail_width").GetInt32());
        var iframe = answer.GetProperty("html").GetString()!;
        Assert.StartsWith($"<iframe src=\"{Site}/embed/{id}\"", iframe, StringComparison.Ordinal);
        Assert.Contains("sandbox=\"allow-same-origin allow-scripts allow-popups allow-popups-to-escape-sandbox\"", iframe, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", iframe, StringComparison.Ordinal);
        Assert.Contains("title=\"Tom &amp; &quot;Jerry&quot; &lt;script&gt;", iframe, StringComparison.Ordinal);

        var small = await server.Http.GetFromJsonAsync<JsonElement>($"/oembed?url={Uri.EscapeDataString(page)}&maxwidth=320&maxheight=400");
        Assert.Equal(320, small.GetProperty("width").GetInt32());
        Assert.Equal(180, small.GetProperty("height").GetInt32());
        var flat = await server.Http.GetFromJsonAsync<JsonElement>($"/oembed?url={Uri.EscapeDataString(page)}&maxheight=90");
        Assert.Equal(160, flat.GetProperty("width").GetInt32());
        Assert.Equal(90, flat.GetProperty("height").GetInt32());

        foreach (var (query, expected) in new[]
        {
            ("url=" + Uri.EscapeDataString($"https://elsewhere.example/title/{id}"), HttpStatusCode.NotFound),
            ("url=" + Uri.EscapeDataString($"{Site}/account"), HttpStatusCode.NotFound),
            ("url=" + Uri.EscapeDataString(page) + "&format=xml", HttpStatusCode.NotImplemented),
            ("url=not%20a%20url", HttpStatusCode.BadRequest),
            ("url=javascript%3Aalert(1)", HttpStatusCode.BadRequest),
            ("", HttpStatusCode.BadRequest),
            ("url=" + Uri.EscapeDataString(page) + "&maxwidth=-5", HttpStatusCode.BadRequest),
            ("url=" + Uri.EscapeDataString(page) + "&maxwidth=99999999999999999999", HttpStatusCode.BadRequest),
            ("url=" + new string('a', 5000), HttpStatusCode.BadRequest),
        })
        {
            using var response = await server.Http.GetAsync("/oembed?" + query);
            Assert.True(response.StatusCode == expected, $"{query}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_embed_may_be_framed_by_anyone_and_plays_only_the_preview_while_the_app_refuses_framing()
    {
        var id = await NastyTitleAsync();
        using var embed = await server.Http.GetAsync($"/embed/{id}?start=1m30s&autoplay=1&loop=1&evil=%22%3E%3Cscript%3E");
        var html = await embed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        var policy = embed.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors *", policy, StringComparison.Ordinal);
        // No script may run in it, whatever the framing page's sandbox allows.
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Matches("<video [^>]*src=\"[^\"]+/preview\\.mp4#t=90\"[^>]* autoplay muted loop", html);
        Assert.DoesNotContain("master.m3u8", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\" rel=\"noopener\">Watch on Marquee</a>", html, StringComparison.Ordinal);

        using var bad = await server.Http.GetAsync($"/embed/{id}?start=soon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("start is a time like 90", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "/", $"/title/{id}", $"/watch/{id}" })
        {
            using var app = await server.Http.GetAsync(path);
            Assert.Contains("frame-ancestors 'none'", app.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", app.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    /// <summary>A published movie with a hostile name and synopsis, an uploaded 320×180 JPEG poster, and a preview in its package.</summary>
    private async Task<string> NastyTitleAsync()
    {
        var id = await TestAccounts.TitleAsync(server, "Nasty " + Guid.NewGuid().ToString("N")[..6]);
        using (var renamed = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{id}", new { title = Nasty, synopsis = NastySynopsis }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        using (var poster = await admin.PutAsync($"/api/v1/admin/titles/{id}/poster", new ByteArrayContent(await JpegAsync(320, 180))))
        {
            Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        }

        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            var assetId = await db.Titles.Where(t => t.Id == id).Select(t => t.AssetId).SingleAsync();
            await db.Assets.Where(a => a.Id == assetId).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.HasPreview, true)
                .SetProperty(a => a.DurationSeconds, 5423.2)
                .SetProperty(a => a.Renditions, "[{\"width\":1920,\"height\":1080},{\"width\":640,\"height\":360}]"));
        }

        return id;
    }

    private static async Task<byte[]> JpegAsync(int width, int height)
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("share-poster"), "poster.jpg");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", $"color=c=red:s={width}x{height}", "-frames:v", "1", path])
        {
            RedirectStandardError = true,
        })!;
        await ffmpeg.WaitForExitAsync();
        Assert.Equal(0, ffmpeg.ExitCode);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>The public address cards are made with (the configured one, not the test server's port).</summary>
    private string Site => server.App.Services.GetRequiredService<Marquee.Origin.Sharing.ShareLinks>().Site;

    private async Task<(int Status, JsonElement Og)> CrawlAsync(string path)
    {
        var result = await NodeScript.RunAsync("share-card.mjs", [new Uri(server.Address, path).ToString()], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonDocument.Parse(result.StandardOutputLines[^1]).RootElement;
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("og"));
    }

    private static int Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex LdJson();

    [GeneratedRegex("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]+)\"")]
    private static partial Regex OEmbedLink();
}
