using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marquee.Edge.Tokens;
using Marquee.Origin.Playback;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// <c>GET /watch/{id}</c> with the playback in the page: only for a signed-in browser session navigating to it, after
/// the same checks as <c>POST /api/v1/playback/{id}</c>, never cached or compressed, and never for anyone else.
/// </summary>
/// <remarks>Each case has accounts and titles of its own, so the class shares one origin.</remarks>
public sealed partial class WatchPageTests(WatchPageTests.Site site) : IClassFixture<WatchPageTests.Site>
{
    // What the web build writes: the player's code in an inert comment, and the place for the playback.
    private const string Page =
        "<!doctype html><html><head><script type=\"module\" crossorigin src=\"/assets/index-AbC123.js\"></script>" +
        "<!--marquee:player-head <link rel=\"modulepreload\" crossorigin href=\"/assets/PlayerPage-XyZ789.js\">-->" +
        "</head><body><div id=\"root\"></div><!--marquee:playback--></body></html>";

    private const string PlayerPreload = "<link rel=\"modulepreload\" crossorigin href=\"/assets/PlayerPage-XyZ789.js\">";

    private readonly OriginServer server = site.Server;

    /// <summary>An origin serving a stand-in of the built page.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly string root = TestPaths.NewScratchFolder("watch-page-root");

        public OriginServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), Page);
            Server = await OriginServer.StartAsync(null, "--Web:Root", root, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");
        }

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_in_browser_gets_the_playback_with_the_page_private_uncompressed_and_under_the_same_policy()
    {
        using var browser = await BrowserAsync("page@example.com", "standard", Viewers.Us);
        var title = await TestAccounts.TitleAsync(server, "With The Page");
        await PutMasterAsync(title, StartRenditionsTests.Ladder);

        using var request = Navigation($"/watch/{title}");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var bootstrap = Bootstrap(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Private && response.Headers.CacheControl.NoStore);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains(PlayerPreload, html, StringComparison.Ordinal);
        Assert.DoesNotContain("marquee:player-head", html, StringComparison.Ordinal);
        Assert.NotNull(bootstrap);
        Assert.Equal(title, bootstrap.Value.GetProperty("id").GetString());

        // The same playback the API hands out: a token for this asset that an edge accepts.
        var playback = bootstrap.Value.GetProperty("playback");
        var token = playback.GetProperty("token").GetString()!;
        var prefix = new Uri(playback.GetProperty("hls").GetString()!).AbsolutePath[..^"master.m3u8".Length];
        var keys = server.App.Services.GetRequiredService<PlaybackKeys>().Ring();
        Assert.True(PlaybackToken.Verify(token, prefix + "seg-0-00001.m4s", "us", keys, DateTimeOffset.UtcNow).Allowed);
        var hls = playback.GetProperty("hls").GetString()!;
        Assert.Contains($"<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{hls.Replace("&", "&amp;", StringComparison.Ordinal)}\">", html, StringComparison.Ordinal);

        // The media playlists hls.js starts on come with the page too, and the page says which video rendition that is.
        foreach (var file in new[] { "media_1.m3u8", "media_4.m3u8" })
        {
            var url = hls.Replace("/master.m3u8?", $"/{file}?", StringComparison.Ordinal);
            Assert.Contains($"<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{url.Replace("&", "&amp;", StringComparison.Ordinal)}\">", html, StringComparison.Ordinal);
        }

        Assert.Equal("media_1.m3u8", bootstrap.Value.GetProperty("start").GetString());

        // The antiforgery token with it is good for the player's release of the stream.
        var antiforgery = bootstrap.Value.GetProperty("antiforgery");
        using var release = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/streams/{playback.GetProperty("leaseId").GetString()}");
        release.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var released = await browser.SendAsync(release);
        Assert.True(released.IsSuccessStatusCode, $"release answered {(int)released.StatusCode}");
    }

    [Fact]
    public async Task Anyone_not_signed_in_gets_the_plain_page_with_the_player_preloaded_and_no_token()
    {
        var title = await TestAccounts.TitleAsync(server, "Signed Out", free: true);
        using var anonymous = Viewers.From(server, Viewers.Us);

        using var response = await anonymous.SendAsync(Navigation($"/watch/{title}"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Contains(PlayerPreload, html, StringComparison.Ordinal);
        Assert.Null(Bootstrap(html));
        Assert.DoesNotContain("token", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("marquee:playback", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_pages_keep_the_player_out()
    {
        using var browser = await BrowserAsync("home@example.com", "standard", Viewers.Us);

        var home = await (await browser.SendAsync(Navigation("/"))).Content.ReadAsStringAsync();

        Assert.Contains($"<!--marquee:player-head {PlayerPreload}-->", home, StringComparison.Ordinal);
        Assert.Null(Bootstrap(home));
    }

    [Fact]
    public async Task The_page_refuses_a_playback_wherever_the_api_does_and_the_api_still_says_why()
    {
        using var browser = await BrowserAsync("refused-page@example.com", "free", Viewers.Us);
        var germanOnly = await TestAccounts.TitleAsync(server, "German Only Page", free: true, countries: "DE");
        var subscription = await TestAccounts.TitleAsync(server, "Subscribers Only Page");
        var free = await TestAccounts.TitleAsync(server, "Free Page", free: true);

        var unlicensed = await BootstrapAfterAsync(browser, germanOnly);
        var notInPlan = await BootstrapAfterAsync(browser, subscription);
        var unknown = await BootstrapAfterAsync(browser, "nope");
        var first = await BootstrapAfterAsync(browser, free);
        var second = await BootstrapAfterAsync(browser, free);

        Assert.Null(unlicensed.Bootstrap);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, unlicensed.Api);
        Assert.Null(notInPlan.Bootstrap);
        Assert.Equal(HttpStatusCode.Forbidden, notInPlan.Api);
        Assert.Null(unknown.Bootstrap);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Api);
        // The free plan's one stream: the first page took it, so neither the second page nor the API may.
        Assert.NotNull(first.Bootstrap);
        Assert.Null(second.Bootstrap);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Api);
        Assert.All([unlicensed.Html, notInPlan.Html, unknown.Html, second.Html], html => Assert.DoesNotContain("token", html, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Sec-Purpose", "prefetch")]
    [InlineData("Purpose", "prefetch")]
    [InlineData("Sec-Fetch-Dest", "iframe")]
    [InlineData("Sec-Fetch-Dest", "script")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Prefetches_and_anything_but_a_navigation_take_no_stream(string header, string value)
    {
        using var browser = await BrowserAsync($"{value}-{header.ToLowerInvariant()}@example.com", "free", Viewers.Us);
        var title = await TestAccounts.TitleAsync(server, "Not Yet", free: true);

        using var request = Navigation($"/watch/{title}");
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Null(Bootstrap(html));
        Assert.DoesNotContain("token", html, StringComparison.OrdinalIgnoreCase);
        // The plan's one stream is still free.
        Assert.NotNull((await BootstrapAfterAsync(browser, title)).Bootstrap);
    }

    [Fact]
    public async Task An_api_client_with_a_bearer_token_gets_the_plain_page()
    {
        using (await TestAccounts.SignedInClientAsync(server, "bearer-page@example.com", "standard"))
        {
        }

        var login = await TestAccounts.LoginAsync(server, "bearer-page@example.com");
        using var client = Viewers.From(server, Viewers.Us, login.AccessToken);
        var title = await TestAccounts.TitleAsync(server, "Bearer Page");

        var html = await (await client.SendAsync(Navigation($"/watch/{title}"))).Content.ReadAsStringAsync();

        Assert.Null(Bootstrap(html));
        Assert.DoesNotContain(login.AccessToken, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_from_the_address_is_written_into_the_page()
    {
        using var browser = await BrowserAsync("markup@example.com", "standard", Viewers.Us);

        using var response = await browser.SendAsync(Navigation("/watch/%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
        var html = await response.Content.ReadAsStringAsync();

        // No such title: the page (the app says so), 404 for crawlers, and nothing of the address in it.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.Null(Bootstrap(html));
    }

    [Fact]
    public void The_built_player_page_runs_the_stream_script_before_the_app_and_other_pages_never_run_it()
    {
        // The web build this test project carries (web/dist, copied next to the host by the build).
        var built = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "web", "index.html"));
        var player = Marquee.Origin.Web.WatchPage.OpenPlayerHead(built);

        // On /watch/{id} the stream's own entry (hls.js, nothing of the app) comes first, and module scripts run in page order.
        var scripts = ModuleScript().Matches(player).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.StartsWith("/assets/earlyStream-", scripts[0], StringComparison.Ordinal);
        Assert.StartsWith("/assets/index-", scripts[1], StringComparison.Ordinal);
        Assert.Contains("<link rel=\"modulepreload\" crossorigin href=\"/assets/PlayerPage-", player, StringComparison.Ordinal);

        // Every other page keeps it inside the comment, so no other page loads hls.js.
        var comment = built.IndexOf("<!--marquee:player-head", StringComparison.Ordinal);
        Assert.InRange(built.IndexOf(scripts[0], StringComparison.Ordinal), comment, built.IndexOf("-->", comment, StringComparison.Ordinal));
        Assert.Equal([scripts[1]], ModuleScript().Matches(built[..comment] + built[built.IndexOf("-->", comment, StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value));
    }

    private static HttpRequestMessage Navigation(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Sec-Fetch-Dest", "document");
        request.Headers.Add("Sec-Fetch-Mode", "navigate");
        request.Headers.Add("Sec-Fetch-Site", "none");
        return request;
    }

    /// <summary>The page's playback for <paramref name="id"/>, and what the API answers the same browser right after.</summary>
    private static async Task<(JsonElement? Bootstrap, HttpStatusCode Api, string Html)> BootstrapAfterAsync(HttpClient browser, string id)
    {
        var html = await (await browser.SendAsync(Navigation($"/watch/{id}"))).Content.ReadAsStringAsync();
        var antiforgery = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/playback/{id}");
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var api = await browser.SendAsync(request);
        return (Bootstrap(html), api.StatusCode, html);
    }

    private static JsonElement? Bootstrap(string html)
    {
        var match = BootstrapBlock().Match(html);
        return match.Success ? JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone() : null;
    }

    private async Task<HttpClient> BrowserAsync(string email, string plan, string address)
    {
        (await TestAccounts.SignedInClientAsync(server, email, plan)).Dispose();
        var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        using var login = await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email, password = TestAccounts.Password });
        login.EnsureSuccessStatusCode();
        return browser;
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"></script>")]
    private static partial Regex ModuleScript();

    [GeneratedRegex("<script type=\"application/json\" id=\"marquee-playback\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex BootstrapBlock();

    /// <summary>A multivariant playlist in the store where the title's package would be.</summary>
    private async Task PutMasterAsync(string title, string master)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marquee.Origin.Data.MarqueeDbContext>();
        var asset = db.Titles.Where(t => t.Id == title).Select(t => t.AssetId).Single();
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(master));
        await server.App.Services.GetRequiredService<Marquee.Media.Storage.IObjectStore>()
            .PutAsync($"media/{asset}/v1/master.m3u8", content, "application/vnd.apple.mpegurl", CancellationToken.None);
    }
}
