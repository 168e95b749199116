using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Scale;

/// <summary>
/// Two origins with data directories of their own on one PostgreSQL database, as two machines behind a load
/// balancer would run: what one origin issues (cookies, access tokens, refresh tokens, stream slots) holds on the other.
/// </summary>
public sealed class TwoOriginsTests : IAsyncLifetime
{
    private OriginServer first = null!;
    private OriginServer second = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await TestDatabase.ServerAsync();
        var name = "pair_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        string[] settings = ["--Database:Provider", "postgres", "--Database:ConnectionString", postgres.Url(name), "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0"];
        first = await OriginServer.StartAsync(null, settings);
        second = await OriginServer.StartAsync(null, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Generated_secrets_are_the_installations_not_each_machines()
    {
        // The access-token key is made when first needed, by whichever origin signs first.
        _ = second.App.Services.GetRequiredService<SigningKey>();
        _ = first.App.Services.GetRequiredService<SigningKey>();
        foreach (var name in new[] { "token-signing-key", "playback-key", "edge-key" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first.DataPath, name)), await File.ReadAllTextAsync(Path.Combine(second.DataPath, name)));
        }

        Assert.False(Directory.Exists(Path.Combine(second.DataPath, "keys")) && Directory.EnumerateFiles(Path.Combine(second.DataPath, "keys")).Any(), "Data Protection keys live in the database");
    }

    [Fact]
    public async Task A_browser_session_made_on_one_origin_is_accepted_on_the_other_with_its_antiforgery_token()
    {
        using (await TestAccounts.SignedInClientAsync(first, "browser@example.com"))
        {
        }

        var cookies = new CookieContainer();
        using var onFirst = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = first.Address };
        using var onSecond = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = second.Address };
        using (var login = await onFirst.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = "browser@example.com", password = TestAccounts.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        }

        // Both origins listen on 127.0.0.1, so the cookie container sends the first origin's cookie to the second.
        var token = (await onFirst.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles") { Content = JsonContent.Create(new { name = "Made elsewhere" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var created = await onSecond.SendAsync(request);

        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var profiles = await onSecond.GetFromJsonAsync<JsonElement>("/api/v1/profiles");
        Assert.Contains(profiles.EnumerateArray(), p => p.GetProperty("name").GetString() == "Made elsewhere");
    }

    [Fact]
    public async Task An_access_token_from_one_origin_works_on_the_other_and_a_refresh_token_replayed_there_revokes_the_family()
    {
        using (await TestAccounts.SignedInClientAsync(first, "tokens@example.com"))
        {
        }

        var issued = await TestAccounts.LoginAsync(first, "tokens@example.com");
        using var elsewhere = TestAccounts.Client(second, issued.AccessToken);
        using (var account = await elsewhere.GetAsync("/api/v1/account"))
        {
            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        }

        var rotated = await RefreshAsync(first, issued.RefreshToken);
        Assert.NotNull(rotated);
        Assert.Null(await RefreshAsync(second, issued.RefreshToken));
        Assert.Null(await RefreshAsync(first, rotated.RefreshToken));
    }

    [Fact]
    public async Task Eight_plays_at_once_spread_over_both_origins_on_a_two_stream_plan_get_exactly_two()
    {
        using var viaFirst = await TestAccounts.SignedInClientAsync(first, "race@example.com", plan: "standard");
        using var viaSecond = TestAccounts.Client(second, (await TestAccounts.LoginAsync(first, "race@example.com")).AccessToken);
        var title = await TestAccounts.TitleAsync(first, "Race Film");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? viaFirst : viaSecond).PostAsync($"/api/v1/playback/{title}", null)));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<TokenPair?> RefreshAsync(OriginServer server, string refreshToken)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<TokenPair>() : null;
    }
}
