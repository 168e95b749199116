using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Catalog;
using Marquee.Origin.Tests.Discovery;

namespace Marquee.Origin.Tests.Community;

/// <summary>Viewers with a public face, and what they say, through the real API.</summary>
internal static class People
{
    /// <summary>The settings every community test server starts with: limits out of the way unless a test is about them.</summary>
    public static readonly string[] Settings =
    [
        "--Ingest:Workers", "0", "--Accounts:AuthRequestsPerMinute", "1000",
        "--Community:CommentsPerMinute", "1000", "--Community:NewAccountCommentsPerMinute", "1000",
        "--Community:CommentsPerMinutePerAddress", "10000", "--Community:ActionsPerMinute", "1000", "--Community:MatchRefreshSeconds", "1",
    ];

    /// <summary>A premium account's first profile with the public face <paramref name="handle"/>.</summary>
    public static async Task<HttpClient> PersonAsync(OriginServer server, string handle, bool matching = false, bool sharing = false, string address = Viewers.Us)
    {
        var client = await Watching.ViewerAsync(server, handle.ToLowerInvariant() + "@example.com", address);
        await FaceAsync(client, handle, matching, sharing);
        return client;
    }

    public static async Task FaceAsync(HttpClient client, string handle, bool matching = false, bool sharing = false)
    {
        using var response = await client.PutAsJsonAsync("/api/v1/social/me", new { handle, displayName = handle + " Person", tasteMatching = matching, shareActivity = sharing });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> CommentAsync(HttpClient client, string titleId, string body, string? parentId = null, bool spoiler = false)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/titles/{titleId}/comments", new { body, parentId, spoiler });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The bodies of the first page of a title's comments as <paramref name="client"/> sees them.</summary>
    public static async Task<List<string>> BodiesAsync(HttpClient client, string titleId, string sort = "newest") =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{titleId}/comments?sort={sort}")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("body").GetString()!)];

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
