using System.Net;
using System.Net.Http.Json;

namespace Marquee.Origin.Tests.Accounts;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429_with_retry_after()
    {
        await using var server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "3", "--Ingest:Workers", "0");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = "someone@example.com", password = "a wrong password" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        last.Dispose();
    }

    [Fact]
    public async Task Too_many_attempts_on_one_account_get_429_whatever_the_address_and_whether_it_exists()
    {
        await using var server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Accounts:AccountRequestsPerHour", "3", "--Ingest:Workers", "0");

        foreach (var email in new[] { "target@example.com", "nobody-here@example.com" })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var client = new HttpClient { BaseAddress = server.Address };
                using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"guess number {i}" });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
            Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        }
    }
}
