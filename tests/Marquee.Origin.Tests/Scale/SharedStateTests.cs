using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog.Admin;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Steering;
using Microsoft.EntityFrameworkCore;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Scale;

/// <summary>
/// Two origins on one PostgreSQL database and one real Redis: what must be counted or announced once across
/// origins is, and an origin whose Redis is gone keeps serving and says so.
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private TwoOrigins origins = null!;
    private RedisServer redis = null!;
    private OriginServer first = null!;
    private OriginServer second = null!;

    public async ValueTask InitializeAsync()
    {
        // Polling is slowed to ten minutes so that only Redis's notice can bring a change across in time.
        origins = await TwoOrigins.StartAsync("shared", "--Accounts:AuthRequestsPerMinute", "6", "--Ingest:Workers", "0", "--Catalog:SyncInterval", "00:10:00");
        (first, second) = (origins.First, origins.Second);
        redis = origins.Redis;
    }

    public ValueTask DisposeAsync() => origins.DisposeAsync();

    [Fact]
    public async Task The_sign_in_limit_counts_requests_to_both_origins_once()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var origin = i % 2 == 0 ? first : second;
            using var response = await origin.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody{i}@example.com", password = "wrong password" });
            statuses.Add(response.StatusCode);
        }

        // Six per minute in all: each origin alone would have allowed all eight (four each).
        Assert.Equal(6, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[6..]);
    }

    [Fact]
    public async Task A_title_renamed_through_one_origin_is_found_by_search_on_the_other_long_before_its_next_poll()
    {
        var id = await TestAccounts.TitleAsync(first, "Placeholder Name");
        using var admin = await TestAccounts.AdminClientAsync(first);
        var word = "Zephyrine" + Random.Shared.Next(1000, 9999);
        using (var edited = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{id}", new { title = word + " Rising" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        var found = false;
        var waited = Stopwatch.StartNew();
        while (!found && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await second.Http.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}");
            found = page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == id);
            if (!found)
            {
                await Task.Delay(50);
            }
        }

        // The poll is ten minutes away, so only Redis's notice can have brought it; how fast is bench/scale's to measure.
        Assert.True(found, "the second origin did not find the renamed title: no catalog notice arrived");
    }

    [Fact]
    public async Task An_administrator_connected_to_one_origin_hears_of_a_title_saved_through_the_other_over_the_backplane()
    {
        var id = await TestAccounts.TitleAsync(first, "Feed Film");
        using var admin = await TestAccounts.AdminClientAsync(first);
        var token = (await TestAccounts.LoginAsync(second, "admin@example.com")).AccessToken;
        await using var feed = new HubConnectionBuilder()
            .WithUrl(new Uri(second.Address, CatalogFeedHub.Path), HttpTransportType.ServerSentEvents, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.On<string>(CatalogFeedHub.TitleChanged, changed => heard.TrySetResult(changed));
        await feed.StartAsync();

        using (var edited = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{id}", new { synopsis = "Edited on the first origin." }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        Assert.Equal(id, await heard.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_catalog_feed_is_for_administrators_only()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(first, "viewer@example.com");
        using var negotiate = await viewer.PostAsync(CatalogFeedHub.Path + "/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
    }

    [Fact]
    public async Task A_heartbeat_that_changes_nothing_goes_to_Redis_not_the_database_and_every_origin_sees_it()
    {
        using (var registered = await EdgeFleet.BeatAsync(first, "eu-9", "eu", 8109))
        {
            registered.EnsureSuccessStatusCode();
        }

        var written = await StoredLastSeenAsync("eu-9");
        await Task.Delay(1_100);
        using (var quiet = await EdgeFleet.BeatAsync(second, "eu-9", "eu", 8109, load: 0.2))
        {
            quiet.EnsureSuccessStatusCode();
        }

        Assert.Equal(written, await StoredLastSeenAsync("eu-9"));
        await Task.Delay(1_100);
        var seenByFirst = (await first.App.Services.GetRequiredService<EdgeDirectory>().CurrentAsync(CancellationToken.None)).Single(e => e.Id == "eu-9");
        Assert.True(seenByFirst.LastSeenMs > written, "the first origin did not see the heartbeat the second took");

        // Becoming degraded changes steering: the row is written at once.
        using (var degraded = await EdgeFleet.BeatAsync(second, "eu-9", "eu", 8109, degraded: ["4 of 10 upstream fetches failed in the last 30 s"]))
        {
            degraded.EnsureSuccessStatusCode();
        }

        Assert.True((await StoredAsync("eu-9")).Degraded);
    }

    private async Task<long> StoredLastSeenAsync(string id) => (await StoredAsync(id)).LastSeenMs;

    private async Task<EdgeNode> StoredAsync(string id)
    {
        await using var scope = first.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Marquee.Origin.Data.MarqueeDbContext>().Edges.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    [Fact]
    public void A_passkey_ceremony_state_accepted_by_one_origin_is_refused_by_the_other()
    {
        var sealedState = first.App.Services.GetRequiredService<PasskeyCeremonies>().Seal("sign-in", "{\"challenge\":\"abc\"}");

        Assert.NotNull(first.App.Services.GetRequiredService<PasskeyCeremonies>().Open("sign-in", sealedState));
        Assert.Null(second.App.Services.GetRequiredService<PasskeyCeremonies>().Open("sign-in", sealedState));
    }

    [Fact]
    public async Task With_Redis_gone_the_origin_serves_and_reports_degraded_then_recovers_when_it_returns()
    {
        Assert.Equal("healthy", await HealthAsync(first));

        await redis.StopAsync();
        var degraded = await EventuallyAsync(() => HealthAsync(first), "degraded");
        var titles = await first.Http.GetAsync("/api/v1/titles");
        using var login = await first.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = "gone@example.com", password = "wrong password" });

        await redis.StartAgainAsync();
        var recovered = await EventuallyAsync(() => HealthAsync(first), "healthy");

        Assert.Equal("degraded", degraded);
        Assert.Equal(HttpStatusCode.OK, titles.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("healthy", recovered);
    }

    private static async Task<string> HealthAsync(OriginServer server)
    {
        using var response = await server.Http.GetAsync("/healthz");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    /// <summary>Asks until the answer is <paramref name="wanted"/> (the client notices a dead or returned Redis within seconds) and returns the last answer.</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> ask, string wanted)
    {
        var waited = Stopwatch.StartNew();
        string answer;
        while ((answer = await ask()) != wanted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        return answer;
    }
}
