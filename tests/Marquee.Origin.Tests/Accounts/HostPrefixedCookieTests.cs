using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>
/// Over HTTPS (here: a trusted proxy's X-Forwarded-Proto from loopback) the browser session and antiforgery cookies
/// are <c>__Host-</c> cookies; over plain HTTP they keep their names. A cookie of the other scheme is no session.
/// Cookies are handled by hand: a cookie container would not send Secure cookies to an http:// test address.
/// </summary>
public sealed class HostPrefixedCookieTests : IAsyncLifetime
{
    private OriginServer server = null!;
    private HttpClient http = null!;

    public async ValueTask InitializeAsync()
    {
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");
        http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_host_cookies_and_work()
    {
        await AccountAsync("https@example.com");

        using var login = await SendAsync(HttpMethod.Post, "/api/v1/auth/browser/login", https: true, body: new { email = "https@example.com", password = TestAccounts.Password });
        var session = SetCookie(login, "__Host-marquee_session");
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/account", https: true, cookies: Pair(session));
        using var antiforgery = await SendAsync(HttpMethod.Get, "/api/v1/auth/antiforgery", https: true, cookies: Pair(session));
        var csrf = SetCookie(antiforgery, "__Host-marquee_csrf");
        var token = (await antiforgery.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var both = $"{Pair(session)}; {Pair(csrf)}";
        using var forged = await SendAsync(HttpMethod.Post, "/api/v1/profiles", https: true, cookies: both, body: new { name = "Forged" });
        using var genuine = await SendAsync(HttpMethod.Post, "/api/v1/profiles", https: true, cookies: both, body: new { name = "Genuine" }, csrfToken: token);
        using var logout = await SendAsync(HttpMethod.Post, "/api/v1/auth/browser/logout", https: true, cookies: both, csrfToken: token);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        foreach (var cookie in new[] { session, csrf })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Cookies(login), c => c.StartsWith("marquee_", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = SetCookie(logout, "__Host-marquee_session");
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_the_cookies_keep_their_names_and_are_not_secure()
    {
        await AccountAsync("http@example.com");

        using var login = await SendAsync(HttpMethod.Post, "/api/v1/auth/browser/login", https: false, body: new { email = "http@example.com", password = TestAccounts.Password });
        var session = SetCookie(login, "marquee_session");
        using var antiforgery = await SendAsync(HttpMethod.Get, "/api/v1/auth/antiforgery", https: false, cookies: Pair(session));
        var csrf = SetCookie(antiforgery, "marquee_csrf");
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/account", https: false, cookies: Pair(session));

        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Cookies(login), c => c.StartsWith("__Host-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_cookie_of_the_other_scheme_is_no_session_and_asks_for_a_sign_in_not_an_error()
    {
        await AccountAsync("switch@example.com");
        using var overHttp = await SendAsync(HttpMethod.Post, "/api/v1/auth/browser/login", https: false, body: new { email = "switch@example.com", password = TestAccounts.Password });
        using var overHttps = await SendAsync(HttpMethod.Post, "/api/v1/auth/browser/login", https: true, body: new { email = "switch@example.com", password = TestAccounts.Password });
        var plainValue = Value(SetCookie(overHttp, "marquee_session"));
        var hostValue = Value(SetCookie(overHttps, "__Host-marquee_session"));

        // The HTTP session's cookie, sent to the site now on HTTPS: read and change.
        using var oldRead = await SendAsync(HttpMethod.Get, "/api/v1/account", https: true, cookies: $"marquee_session={plainValue}");
        using var oldChange = await SendAsync(HttpMethod.Post, "/api/v1/profiles", https: true, cookies: $"marquee_session={plainValue}", body: new { name = "Old" });
        // Over HTTPS only the prefixed name counts: a same-named cookie that a sibling host or plain HTTP could set is ignored.
        using var unprefixed = await SendAsync(HttpMethod.Get, "/api/v1/account", https: true, cookies: $"marquee_session={hostValue}");
        // Names are looked up ignoring case, browsers keep them as set: another spelling is not the session either.
        using var respelled = await SendAsync(HttpMethod.Get, "/api/v1/account", https: true, cookies: $"Marquee_Session={hostValue}; __HOST-marquee_session={hostValue}");
        // And the HTTPS cookie means nothing over plain HTTP.
        using var backToHttp = await SendAsync(HttpMethod.Get, "/api/v1/account", https: false, cookies: $"__Host-marquee_session={hostValue}");
        using var signInAgain = await SendAsync(HttpMethod.Get, "/api/v1/account", https: true, cookies: $"__Host-marquee_session={hostValue}");

        Assert.Equal(HttpStatusCode.Unauthorized, oldRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldChange.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unprefixed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, respelled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, backToHttp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInAgain.StatusCode);
    }

    private async Task AccountAsync(string email)
    {
        using (await TestAccounts.SignedInClientAsync(server, email))
        {
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool https, string? cookies = null, object? body = null, string? csrfToken = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrfToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string SetCookie(HttpResponseMessage response, string name)
    {
        var cookies = Cookies(response).ToList();
        var cookie = cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.True(cookie is not null, $"no {name} cookie in [{string.Join(" | ", cookies)}] ({(int)response.StatusCode})");
        return cookie;
    }

    /// <summary>The name=value part of a Set-Cookie line, as a browser sends it back.</summary>
    private static string Pair(string setCookie) => setCookie.Split(';')[0];

    private static string Value(string setCookie) => Pair(setCookie)[(Pair(setCookie).IndexOf('=') + 1)..];
}
