using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using MimeKit;

namespace Marquee.Origin.Tests.Sharing;

/// <summary>Invite links lead to sign-up and are counted for the inviter and the admin, without naming the invited.</summary>
public sealed class InvitesTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sign_ups_through_a_link_count_for_the_inviter_by_cookie_or_by_body_and_the_admin_sees_them_per_inviter()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var inviter = await TestAccounts.SignedInClientAsync(server, "host@example.com");
        var invite = await inviter.GetFromJsonAsync<JsonElement>("/api/v1/invites", cancel);
        var url = new Uri(invite.GetProperty("url").GetString()!);
        Assert.Equal("/join", url.AbsolutePath);
        Assert.Equal(0, invite.GetProperty("signups").GetInt32());
        var code = System.Web.HttpUtility.ParseQueryString(url.Query)["ref"]!;
        Assert.Equal(code, new Uri((await inviter.GetFromJsonAsync<JsonElement>("/api/v1/invites", cancel)).GetProperty("url").GetString()!).Query["?ref=".Length..]);

        // A browser: the link leaves a cookie and opens the sign-up page; the sign-up carries the cookie.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        using var join = await browser.GetAsync(url.PathAndQuery, cancel);
        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
        Assert.Equal("/signup", join.Headers.Location?.OriginalString);
        Assert.Contains(join.Headers.GetValues("Set-Cookie"), c => c.StartsWith("marquee_ref=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using (var registered = await browser.PostAsJsonAsync("/api/v1/auth/register", new { email = "friend1@example.com", password = TestAccounts.Password }, cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        // An API client names the code; a junk code invites nobody and blocks nothing.
        using (var second = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "friend2@example.com", password = TestAccounts.Password, @ref = code }, cancel))
        using (var junk = await server.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "stranger@example.com", password = TestAccounts.Password, @ref = "<script>" }, cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, junk.StatusCode);
        }

        using (var confirmed = await server.Http.GetAsync("/api/v1/auth/confirm" + new Uri(ConfirmLink("friend1@example.com")).Query, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var counts = await inviter.GetFromJsonAsync<JsonElement>("/api/v1/invites", cancel);
        Assert.Equal(2, counts.GetProperty("signups").GetInt32());
        Assert.Equal(1, counts.GetProperty("confirmed").GetInt32());
        // Nothing about who joined.
        Assert.DoesNotContain("friend", counts.GetRawText(), StringComparison.Ordinal);

        using var admin = await TestAccounts.AdminClientAsync(server);
        var rows = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/invites", cancel)).GetProperty("items").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("host@example.com", row.GetProperty("email").GetString());
        Assert.Equal(2, row.GetProperty("signups").GetInt32());
        Assert.Equal(1, row.GetProperty("confirmed").GetInt32());

        using var notAdmin = await inviter.GetAsync("/api/v1/admin/invites", cancel);
        using var signedOut = await server.Http.GetAsync("/api/v1/invites", cancel);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task A_mistyped_link_still_opens_the_sign_up_page_without_a_cookie()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        foreach (var query in new[] { "?ref=nope", "?ref=AAAAAAAAAAAAAAAAAAAAAA", "", "?ref=%3Cscript%3E" })
        {
            using var join = await browser.GetAsync("/join" + query, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
            Assert.Equal("/signup", join.Headers.Location?.OriginalString);
            Assert.False(join.Headers.Contains("Set-Cookie"));
        }
    }

    private string ConfirmLink(string email)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(server.DataPath, "mail"), "*.eml").Order())
        {
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => m.Address == email) && (message.Subject ?? "").StartsWith("Confirm", StringComparison.Ordinal))
            {
                return (message.TextBody ?? "").Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException($"no confirmation mail for {email}");
    }
}
