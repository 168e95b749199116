using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Edge.Tokens;
using Marquee.Origin.Playback;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.Origin.Tests.Steering;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Playback;

public sealed class PlaybackApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_granted_playback_names_the_manifests_the_edges_best_first_and_a_token_for_the_asset_only()
    {
        var login = await TestAccounts.LoginAsync(server, await NewUserAsync("grant@example.com", "standard"));
        using var german = Viewers.From(server, Viewers.De, login.AccessToken);
        var title = await TestAccounts.TitleAsync(server, "Granted");
        // Just before asking: an edge is live for three heartbeats of 3 s on the real clock.
        await EdgeFleet.BeatAllAsync(server);

        using var response = await german.PostAsync($"/api/v1/playback/{title}", null);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var edges = answer.GetProperty("edges").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["http://127.0.0.1:810", "http://127.0.0.1:810", "http://127.0.0.1:820", "http://127.0.0.1:820"], edges.Take(4).Select(e => e[..^1]));
        Assert.Equal(server.Address.ToString().TrimEnd('/'), edges[^1]);
        var token = answer.GetProperty("token").GetString()!;
        Assert.StartsWith(edges[0] + "/media/", answer.GetProperty("hls").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/master.m3u8?token=" + token, answer.GetProperty("hls").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/manifest.mpd?token=" + token, answer.GetProperty("dash").GetString(), StringComparison.Ordinal);
        Assert.Equal(1080, answer.GetProperty("maxHeight").GetInt32());

        var keys = server.App.Services.GetRequiredService<PlaybackKeys>().Ring();
        var prefix = new Uri(answer.GetProperty("hls").GetString()!).AbsolutePath[..^"master.m3u8".Length];
        var check = PlaybackToken.Verify(token, prefix + "seg-0-00001.m4s", "eu", keys, DateTimeOffset.UtcNow);
        Assert.True(check.Allowed, check.Reason);
        Assert.Equal(["eu", "us"], check.Claims!.Regions);
        Assert.Equal(1080, check.Claims.MaxHeight);
        Assert.Equal(answer.GetProperty("leaseId").GetString(), check.Claims.Session);
        Assert.InRange(answer.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(7.9), DateTimeOffset.UtcNow.AddHours(8.1));
        Assert.False(PlaybackToken.Verify(token, "/media/0123456789abcdef/v1/seg-0-00001.m4s", "eu", keys, DateTimeOffset.UtcNow).Allowed);
        Assert.False(PlaybackToken.Verify(token, prefix + "seg-0-00001.m4s", "apac", keys, DateTimeOffset.UtcNow).Allowed);
    }

    [Fact]
    public async Task Refusals_use_the_status_that_fits()
    {
        var login = await TestAccounts.LoginAsync(server, await NewUserAsync("refused@example.com", "free"));
        using var american = Viewers.From(server, Viewers.Us, login.AccessToken);
        using var anonymous = Viewers.From(server, Viewers.Us);
        var germanOnly = await TestAccounts.TitleAsync(server, "German Only", free: true, countries: "DE");
        var subscription = await TestAccounts.TitleAsync(server, "Subscribers Only");
        var free = await TestAccounts.TitleAsync(server, "Free For All", free: true);

        using var signedOut = await anonymous.PostAsync($"/api/v1/playback/{free}", null);
        using var unknown = await american.PostAsync("/api/v1/playback/nope", null);
        using var unlicensed = await american.PostAsync($"/api/v1/playback/{germanOnly}", null);
        using var notInPlan = await american.PostAsync($"/api/v1/playback/{subscription}", null);
        using var first = await american.PostAsync($"/api/v1/playback/{free}", null);
        using var second = await american.PostAsync($"/api/v1/playback/{free}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, unlicensed.StatusCode);
        Assert.True(unlicensed.Headers.CacheControl!.Private && unlicensed.Headers.CacheControl.NoStore);
        Assert.Equal(HttpStatusCode.Forbidden, notInPlan.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var tooMany = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1 stream(s)", tooMany.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(480, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxHeight").GetInt32());
    }

    [Fact]
    public async Task Without_edges_the_origin_is_the_only_place_and_the_token_is_still_required_there()
    {
        var login = await TestAccounts.LoginAsync(server, await NewUserAsync("solo@example.com", "premium"));
        using var client = TestAccounts.Client(server, login.AccessToken);
        var title = await TestAccounts.TitleAsync(server, "Solo");

        var answer = await (await client.PostAsync($"/api/v1/playback/{title}", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([server.Address.ToString().TrimEnd('/')], answer.GetProperty("edges").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith(server.Address.ToString().TrimEnd('/') + "/media/", answer.GetProperty("hls").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> NewUserAsync(string email, string plan)
    {
        (await TestAccounts.SignedInClientAsync(server, email, plan)).Dispose();
        return email;
    }
}
