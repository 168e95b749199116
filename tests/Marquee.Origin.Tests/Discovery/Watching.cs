using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;

namespace Marquee.Origin.Tests.Discovery;

/// <summary>Viewers who watch through the real API: a playback start, the player's heartbeat with a position, the release.</summary>
internal static class Watching
{
    /// <summary>A premium account's first profile, signed in, appearing to come from <paramref name="address"/>.</summary>
    public static async Task<HttpClient> ViewerAsync(OriginServer server, string email, string address = Viewers.Us)
    {
        using (await TestAccounts.SignedInClientAsync(server, email, plan: "premium"))
        {
        }

        return Viewers.From(server, address, (await TestAccounts.LoginAsync(server, email)).AccessToken);
    }

    /// <summary>Plays <paramref name="id"/> (a movie, or an episode of a series) to <paramref name="fraction"/> of its length.</summary>
    public static async Task WatchAsync(HttpClient viewer, string id, double fraction = 1.0)
    {
        using var started = await viewer.PostAsync($"/api/v1/playback/{id}", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var lease = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString();
        using var report = await viewer.PostAsJsonAsync($"/api/v1/streams/{lease}/renew", new { playbackId = id, positionSeconds = 100 * fraction, durationSeconds = 100.0 });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var released = await viewer.DeleteAsync($"/api/v1/streams/{lease}");
    }

    public static async Task RateAsync(HttpClient viewer, string id, string value)
    {
        using var response = await viewer.PutAsJsonAsync($"/api/v1/ratings/{id}", new { value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task RebuildAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/v1/admin/recommendations/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> BrowseAsync(HttpClient viewer) => await viewer.GetFromJsonAsync<JsonElement>("/api/v1/browse");

    /// <summary>The ids of one row, or null when the page has no such row.</summary>
    public static List<string>? Row(JsonElement browse, string id) =>
        browse.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("id").GetString() == id)
            .Select(r => r.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList()).FirstOrDefault();

    public static async Task<List<string>> SimilarAsync(HttpClient viewer, string id)
    {
        var answer = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}/similar");
        return [.. answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    /// <summary>A kids profile (7+) of <paramref name="account"/>'s account, selected; its first profile must be older.</summary>
    public static async Task<HttpClient> KidAsync(OriginServer server, HttpClient account)
    {
        using var created = await account.PostAsJsonAsync("/api/v1/profiles", new { name = "Kid", maturityLimit = 7 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kidId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var selected = await account.PostAsJsonAsync($"/api/v1/profiles/{kidId}/select", new { });
        var token = (await selected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return Viewers.From(server, Viewers.Us, token);
    }
}
