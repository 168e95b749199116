using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marquee.Origin.Tests.Accounts;

public sealed class BrowserSessionTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private HttpClient Browser() => new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_and_works_for_reads()
    {
        using (await TestAccounts.SignedInClientAsync(server, "browser@example.com"))
        {
        }

        using var browser = Browser();
        using var login = await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "browser@example.com", password = TestAccounts.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("marquee_session=", StringComparison.Ordinal));
        using var me = await browser.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("accessToken", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Changes_made_with_the_cookie_need_the_antiforgery_token()
    {
        using (await TestAccounts.SignedInClientAsync(server, "csrf@example.com"))
        {
        }

        using var browser = Browser();
        using (await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "csrf@example.com", password = TestAccounts.Password }))
        {
        }

        using var forged = await browser.PostAsJsonAsync("/api/v1/profiles", new { name = "Forged" });
        var token = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles") { Content = JsonContent.Create(new { name = "Genuine" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var genuine = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Antiforgery", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_from_another_device_ends_the_browser_session_and_logout_ends_it_too()
    {
        using var api = await TestAccounts.SignedInClientAsync(server, "everywhere@example.com");
        using var browser = Browser();
        using (await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "everywhere@example.com", password = TestAccounts.Password }))
        {
        }

        using var before = await browser.GetAsync("/api/v1/account");
        using (await api.PostAsync("/api/v1/account/sign-out-everywhere", null))
        {
        }

        using var after = await browser.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        using var second = Browser();
        using (await second.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "everywhere@example.com", password = TestAccounts.Password }))
        {
        }

        var token = (await second.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery")).GetProperty("token").GetString();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/browser/logout");
        logout.Headers.Add("X-CSRF-TOKEN", token);
        using (await second.SendAsync(logout))
        {
        }

        using var gone = await second.GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }
}
