using System.Net;
using System.Text;
using Marquee.Origin.Tests.Web;

namespace Marquee.Origin.Tests.Hosting;

/// <summary>
/// The headers every answer of the origin carries, whatever produced it (an endpoint, a problem, static files, the
/// exception handler, the 404 of an unknown route), the app page's own, and HSTS only over HTTPS.
/// </summary>
/// <remarks>Every case only reads headers, so the class shares one origin (25 origins cost the suite about 100 s).</remarks>
public sealed class SecurityHeadersTests(StandInWebApp site) : IClassFixture<StandInWebApp>
{
    public static TheoryData<string, string> Answers() => new()
    {
        { "GET", "/api/v1/titles" },
        { "GET", "/api/v1/titles/no-such-title" },
        { "GET", "/api/v1/no-such-route" },
        { "GET", "/api/v1/account" },
        { "POST", "/api/v1/auth/login" },
        { "GET", "/healthz" },
        { "GET", "/metrics" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/" },
        { "GET", "/watch/abc" },
        { "GET", "/favicon.svg" },
        { "GET", "/assets/index-AbC123.js" },
        { "GET", "/media/0123456789abcdef/v1/master.m3u8" },
        { "GET", "/artwork/0123456789abcdef/none.jpg" },
        { "HEAD", "/" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_says_nosniff_and_sends_no_referrer_and_no_hsts_over_plain_http(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"email\":", Encoding.UTF8, "application/json");
        }

        using var response = await site.Server.Http.SendAsync(request);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task An_error_from_the_exception_handler_carries_them_too()
    {
        // A body larger than the server takes is refused by Kestrel while binding, and answered by the exception handler.
        // The client waits for "100 Continue" before sending it: refused on its length alone, none of it is sent, so
        // the server closing the connection cannot break the client's write before it reads the answer.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = site.Server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent("{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/title/abc123")]
    [InlineData("/reset-password?email=a%40example.com&token=secret")]
    public async Task The_app_page_may_not_be_framed_keeps_its_window_to_itself_and_turns_off_what_it_does_not_use(string path)
    {
        using var response = await site.Server.Http.GetAsync(path);

        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy"));
        var permissions = Single(response, "Permissions-Policy").Split(", ");
        // What the player and sign-in use stays on for the page itself…
        Assert.Contains("fullscreen=(self)", permissions);
        Assert.Contains("picture-in-picture=(self)", permissions);
        Assert.Contains("autoplay=(self)", permissions);
        Assert.Contains("publickey-credentials-get=(self)", permissions);
        Assert.Contains("publickey-credentials-create=(self)", permissions);
        // …and what it never uses is off for it and anything it could embed.
        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb", "display-capture" })
        {
            Assert.Contains($"{feature}=()", permissions);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/titles")]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/healthz")]
    public async Task Over_https_behind_a_trusted_proxy_every_answer_asks_for_https_next_time(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await site.Server.Http.SendAsync(request);

        Assert.Equal("max-age=31536000", Single(response, "Strict-Transport-Security"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        List<string> values = response.Headers.TryGetValues(name, out var found) ? [.. found]
            : response.Content.Headers.TryGetValues(name, out var content) ? [.. content] : [];
        Assert.True(values.Count == 1, $"{name}: [{string.Join(" | ", values)}] on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
        return values[0];
    }
}
