using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Catalog;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Accounts;

public sealed class SessionsApiTests : IAsyncLifetime
{
    private const string ChromeOnLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Two_browser_sign_ins_are_two_sessions_newest_first_and_each_knows_its_own()
    {
        (await TestAccounts.SignedInClientAsync(server, "two@example.com")).Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var laptop = await BrowserAsync("two@example.com", ChromeOnLinux);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var desktop = await BrowserAsync("two@example.com", FirefoxOnWindows, Viewers.De);

        var fromLaptop = (await laptop.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().ToList();
        var fromDesktop = (await desktop.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().ToList();

        Assert.Equal(["browser", "browser", "app"], fromLaptop.Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(["Firefox on Windows", "Chrome on Linux", "Unknown device"], fromLaptop.Select(s => s.GetProperty("device").GetString()));
        Assert.Equal(Viewers.De, fromLaptop[0].GetProperty("address").GetString());
        Assert.Equal("127.0.0.1", fromLaptop[1].GetProperty("address").GetString());
        Assert.Equal([false, true, false], fromLaptop.Select(s => s.GetProperty("current").GetBoolean()));
        Assert.Equal([true, false, false], fromDesktop.Select(s => s.GetProperty("current").GetBoolean()));
        Assert.Equal(fromLaptop.Select(s => s.GetProperty("id").GetString()), fromDesktop.Select(s => s.GetProperty("id").GetString()));
        Assert.True(fromLaptop[0].GetProperty("createdAt").GetDateTimeOffset() > fromLaptop[1].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), fromLaptop[0].GetProperty("lastSeenAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Revoking_the_other_browser_ends_its_cookie_on_its_next_request_and_keeps_this_one()
    {
        (await TestAccounts.SignedInClientAsync(server, "revoker@example.com")).Dispose();
        using var mine = await BrowserAsync("revoker@example.com", ChromeOnLinux);
        using var lost = await BrowserAsync("revoker@example.com", FirefoxOnWindows);
        using (var before = await lost.GetAsync("/api/v1/account"))
        {
            // Checked once, so the session's answer is cached: revoking must still take effect at once.
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var lostId = await CurrentSessionIdAsync(lost);
        using var revoked = await mine.DeleteAsync($"/api/v1/account/sessions/{lostId}");
        using var lostAfter = await lost.GetAsync("/api/v1/account");
        using var mineAfter = await mine.GetAsync("/api/v1/account");
        var left = (await mine.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, lostAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mineAfter.StatusCode);
        Assert.DoesNotContain(lostId, left);
    }

    [Fact]
    public async Task Another_account_can_neither_revoke_nor_see_a_session()
    {
        (await TestAccounts.SignedInClientAsync(server, "victim@example.com")).Dispose();
        using var stranger = await TestAccounts.SignedInClientAsync(server, "intruder@example.com");
        using var victim = await BrowserAsync("victim@example.com", ChromeOnLinux);
        var victimId = await CurrentSessionIdAsync(victim);

        using var attempt = await stranger.DeleteAsync($"/api/v1/account/sessions/{victimId}");
        using var unknown = await stranger.DeleteAsync("/api/v1/account/sessions/0000000000000000");
        var strangers = (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString());
        using var victimAfter = await victim.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal("application/problem+json", attempt.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain(victimId, strangers);
        Assert.Equal(HttpStatusCode.OK, victimAfter.StatusCode);
    }

    [Fact]
    public async Task Revoking_an_app_session_ends_its_access_and_refresh_tokens()
    {
        (await TestAccounts.SignedInClientAsync(server, "phone@example.com")).Dispose();
        var phone = await TestAccounts.LoginAsync(server, "phone@example.com");
        using var phoneClient = TestAccounts.Client(server, phone.AccessToken);
        using var browser = await BrowserAsync("phone@example.com", ChromeOnLinux);
        var phoneId = await CurrentSessionIdAsync(phoneClient);

        using var revoked = await browser.DeleteAsync($"/api/v1/account/sessions/{phoneId}");
        using var access = await phoneClient.GetAsync("/api/v1/account");
        using var refresh = await server.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Refreshing_and_switching_profile_stay_in_the_same_session()
    {
        (await TestAccounts.SignedInClientAsync(server, "steady@example.com")).Dispose();
        var tokens = await TestAccounts.LoginAsync(server, "steady@example.com");
        using var first = TestAccounts.Client(server, tokens.AccessToken);
        var sessionId = await CurrentSessionIdAsync(first);
        using var browser = await BrowserAsync("steady@example.com", ChromeOnLinux);
        var browserId = await CurrentSessionIdAsync(browser);

        using var refreshed = await server.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        using var afterRefresh = TestAccounts.Client(server, (await refreshed.Content.ReadFromJsonAsync<Marquee.Origin.Accounts.TokenPair>())!.AccessToken);
        using var created = await afterRefresh.PostAsJsonAsync("/api/v1/profiles", new { name = "Second" });
        var profileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var selected = await afterRefresh.PostAsJsonAsync($"/api/v1/profiles/{profileId}/select", new { });
        using var asSecond = TestAccounts.Client(server, (await selected.Content.ReadFromJsonAsync<Marquee.Origin.Accounts.TokenPair>())!.AccessToken);
        using var browserSwitch = await browser.PostAsJsonAsync($"/api/v1/profiles/{profileId}/select", new { });

        Assert.Equal(sessionId, await CurrentSessionIdAsync(afterRefresh));
        Assert.Equal(sessionId, await CurrentSessionIdAsync(asSecond));
        Assert.Equal(HttpStatusCode.NoContent, browserSwitch.StatusCode);
        Assert.Equal(browserId, await CurrentSessionIdAsync(browser));
        Assert.Equal(profileId, (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("profileId").GetString());
        Assert.Equal(3, (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").GetArrayLength());
    }

    [Fact]
    public async Task Browser_logout_revokes_its_session_so_a_copy_of_the_cookie_stops_working()
    {
        (await TestAccounts.SignedInClientAsync(server, "copied@example.com")).Dispose();
        var jar = new CookieContainer();
        using var browser = await BrowserAsync("copied@example.com", ChromeOnLinux, jar: jar);
        var sessionCookie = jar.GetCookies(server.Address)["marquee_session"]!.Value;
        using var copy = new HttpClient { BaseAddress = server.Address };
        copy.DefaultRequestHeaders.Add("Cookie", $"marquee_session={sessionCookie}");
        using var copyBefore = await copy.GetAsync("/api/v1/account");

        using var logout = await browser.PostAsync("/api/v1/auth/browser/logout", null);
        using var copyAfter = await copy.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, copyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfter.StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_revokes_every_session()
    {
        (await TestAccounts.SignedInClientAsync(server, "all@example.com")).Dispose();
        using var one = await BrowserAsync("all@example.com", ChromeOnLinux);
        using var two = await BrowserAsync("all@example.com", FirefoxOnWindows);

        using var everywhere = await one.PostAsync("/api/v1/account/sign-out-everywhere", null);
        using var fresh = await BrowserAsync("all@example.com", ChromeOnLinux);
        var sessions = (await fresh.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.True(Assert.Single(sessions).GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task A_browser_changing_its_password_keeps_its_session_and_gets_no_tokens_while_the_others_end()
    {
        (await TestAccounts.SignedInClientAsync(server, "mover@example.com")).Dispose();
        using var here = await BrowserAsync("mover@example.com", ChromeOnLinux);
        using var elsewhere = await BrowserAsync("mover@example.com", FirefoxOnWindows);
        var hereId = await CurrentSessionIdAsync(here);

        using var changed = await here.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = TestAccounts.Password, newPassword = "another fine passphrase" });
        using var hereAfter = await here.GetAsync("/api/v1/account");
        using var elsewhereAfter = await elsewhere.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Empty(await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, hereAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhereAfter.StatusCode);
        var left = (await here.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(hereId, Assert.Single(left).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_last_seen_time_moves_at_most_once_a_minute()
    {
        (await TestAccounts.SignedInClientAsync(server, "seen@example.com")).Dispose();
        using var browser = await BrowserAsync("seen@example.com", ChromeOnLinux);
        var signedIn = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(2));
        using (await browser.GetAsync("/api/v1/account"))
        {
        }

        var seen = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(40));
        using (await browser.GetAsync("/api/v1/account"))
        {
        }

        var session = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean());
        Assert.Equal(signedIn.ToUnixTimeMilliseconds(), session.GetProperty("createdAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(seen.ToUnixTimeMilliseconds(), session.GetProperty("lastSeenAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_accounts_live_streams_are_listed_with_profile_and_title()
    {
        using var api = await TestAccounts.SignedInClientAsync(server, "watcher@example.com", plan: "premium");
        var movie = await TestAccounts.TitleAsync(server, "Listed Film");
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Listed Series", episodes: 1);
        using var playback = await api.PostAsync($"/api/v1/playback/{movie}", null);
        var lease = (await playback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString();
        using var stream = await api.PostAsync($"/api/v1/playback/{movie}", null);
        using var episode = await api.PostAsync($"/api/v1/playback/{episodes[0]}", null);
        using var browser = await BrowserAsync("watcher@example.com", ChromeOnLinux);

        var streams = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("streams").EnumerateArray().ToList();

        Assert.Equal(3, streams.Count);
        var first = streams.Single(s => s.GetProperty("leaseId").GetString() == lease);
        Assert.Equal("Main", first.GetProperty("profileName").GetString());
        Assert.Equal(movie, first.GetProperty("titleId").GetString());
        Assert.Equal("Listed Film", first.GetProperty("title").GetString());
        Assert.True(first.GetProperty("expiresAt").GetDateTimeOffset() > clock.GetUtcNow());
        Assert.Contains(streams, s => s.GetProperty("titleId").GetString() == series && s.GetProperty("title").GetString() == "Listed Series");

        using (await api.DeleteAsync($"/api/v1/streams/{lease}"))
        {
        }

        var after = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("streams").EnumerateArray();
        Assert.DoesNotContain(after, s => s.GetProperty("leaseId").GetString() == lease);
    }

    /// <summary>A browser signed in with the session cookie, sending the antiforgery token on every request as the web app does.</summary>
    private async Task<HttpClient> BrowserAsync(string email, string userAgent, string? address = null, CookieContainer? jar = null)
    {
        var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = jar ?? new CookieContainer() }) { BaseAddress = server.Address };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        if (address is not null)
        {
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        }

        using (var login = await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email, password = TestAccounts.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        }

        var token = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery")).GetProperty("token").GetString();
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        return browser;
    }

    private static async Task<string> CurrentSessionIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/account/sessions")).GetProperty("sessions").EnumerateArray()
        .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
}
