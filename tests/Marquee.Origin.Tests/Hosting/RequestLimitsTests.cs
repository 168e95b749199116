using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Marquee.Origin.Tests.Accounts;

namespace Marquee.Origin.Tests.Hosting;

/// <summary>
/// Limits on what a request may send: bodies (1 MiB, except uploads and posters, which bound their own), the request
/// line and headers (Kestrel's limits), and the fields the review found unbounded.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/auth/login")]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/edges/heartbeat")]
    public async Task A_json_body_over_a_mebibyte_is_refused_with_413(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}", Encoding.UTF8, "application/json"),
        };
        if (path.StartsWith("/api/v1/edges/", StringComparison.Ordinal))
        {
            // A heartbeat without the edge key is refused before its body is read; the limit holds for an edge too.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.EdgeKey);
        }

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_poster_of_a_few_megabytes_and_an_upload_chunk_over_a_mebibyte_are_still_taken()
    {
        using var admin = await TestAccounts.AdminClientAsync(server);
        var title = await TestAccounts.TitleAsync(server, "Big Poster");
        var png = new byte[3 * 1024 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        using var poster = await admin.PutAsync($"/api/v1/admin/titles/{title}/poster", new ByteArrayContent(png));

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads") { Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        upload.Headers.Add("Tus-Resumable", "1.0.0");
        upload.Headers.Add("Upload-Length", (3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        upload.Headers.Add("X-Marquee-Admin-Key", OriginServer.AdminKey);
        using var created = await server.Http.SendAsync(upload);

        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), created.Headers.GetValues("Upload-Offset").Single());
    }

    [Fact]
    public async Task A_sign_in_with_an_address_longer_than_any_address_is_a_validation_problem()
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = new string('a', 300) + "@example.com", password = "a fine passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_overlong_request_line_or_header_block_is_refused_by_the_server()
    {
        using var longQuery = await server.Http.GetAsync("/api/v1/search?q=" + new string('a', 10 * 1024));
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, "/api/v1/titles");
        for (var i = 0; i < 8; i++)
        {
            bigHeaders.Headers.Add($"X-Filler-{i}", new string('h', 6 * 1024));
        }

        using var headers = await server.Http.SendAsync(bigHeaders);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longQuery.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, headers.StatusCode);
    }

    [Fact]
    public async Task Guessing_the_current_password_is_rate_limited_like_signing_in()
    {
        await using var limited = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "4", "--Ingest:Workers", "0");
        using var client = await TestAccounts.SignedInClientAsync(limited, "guess@example.com");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var attempt = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = $"guess number {i}", newPassword = "another long passphrase" });
            statuses.Add(attempt.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses.Take(statuses.Count - 1), status => Assert.Equal(HttpStatusCode.BadRequest, status));
    }
}
