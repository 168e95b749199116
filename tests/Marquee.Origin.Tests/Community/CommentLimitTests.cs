using System.Net;
using System.Net.Http.Json;
using Marquee.Origin.Tests.Accounts;

namespace Marquee.Origin.Tests.Community;

/// <summary>The default limits: a new account gets two comments a minute, and a flood from one address stops whatever the account.</summary>
public sealed class CommentLimitTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, (TimeProvider?)null, "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000", "--Community:CommentsPerMinutePerAddress", "5");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Floods_get_429_with_retry_after()
    {
        var film = await TestAccounts.TitleAsync(server, "Flooded Film");
        using var fresh = await People.PersonAsync(server, "fresh");
        await People.CommentAsync(fresh, film, "one");
        await People.CommentAsync(fresh, film, "two");

        using var third = await fresh.PostAsJsonAsync($"/api/v1/titles/{film}/comments", new { body = "three" });
        await People.ProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // Throwaway accounts on one address share its budget (five a minute here): two more, then refused.
        using var other = await People.PersonAsync(server, "other");
        await People.CommentAsync(other, film, "four");
        using var sixth = await other.PostAsJsonAsync($"/api/v1/titles/{film}/comments", new { body = "five" });
        using var seventh = await other.PostAsJsonAsync($"/api/v1/titles/{film}/comments", new { body = "six" });
        Assert.Equal(HttpStatusCode.Created, sixth.StatusCode);
        await People.ProblemAsync(seventh, HttpStatusCode.TooManyRequests);
        Assert.Equal(["five", "four", "two", "one"], await People.BodiesAsync(other, film));
    }
}
