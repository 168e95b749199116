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
}
