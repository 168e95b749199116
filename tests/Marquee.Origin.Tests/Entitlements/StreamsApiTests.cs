using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Entitlements;

/// <summary>Concurrent-stream leases: taken by <c>POST /api/v1/playback/{id}</c>, renewed and ended under <c>/api/v1/streams</c>.</summary>
public sealed class StreamsApiTests : IAsyncLifetime
{
    // Leases expire on this clock, not the wall's: a stall of the machine cannot lapse one mid-test. It still moves
    // a millisecond per reading, so what is made in order keeps its order (an account's first profile is its oldest).
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, clock, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Of_eight_devices_starting_at_once_exactly_the_plans_two_get_a_stream()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "race@example.com", plan: "standard");
        var title = await TestAccounts.TitleAsync(server, "Race Film");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"/api/v1/playback/{title}", null)));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var refused = await responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2 stream(s)", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task A_stopped_stream_frees_its_slot_and_a_vanished_player_lets_it_lapse()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "lapse@example.com");
        var title = await TestAccounts.TitleAsync(server, "Free Film", free: true);

        using var first = await client.PostAsync($"/api/v1/playback/{title}", null);
        var lease = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString();
        using var blocked = await client.PostAsync($"/api/v1/playback/{title}", null);
        using var stopped = await client.DeleteAsync($"/api/v1/streams/{lease}");
        using var second = await client.PostAsync($"/api/v1/playback/{title}", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(480, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxHeight").GetInt32());

        // The second player vanishes without a word: once the lease time has passed, the slot is free again.
        using var stillHeld = await client.PostAsync($"/api/v1/playback/{title}", null);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var again = await client.PostAsync($"/api/v1/playback/{title}", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillHeld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_renewed_lease_stays_and_another_accounts_lease_cannot_be_renewed()
    {
        using var owner = await TestAccounts.SignedInClientAsync(server, "owner@example.com");
        using var other = await TestAccounts.SignedInClientAsync(server, "other@example.com");
        var title = await TestAccounts.TitleAsync(server, "Shared Film", free: true);
        using var started = await owner.PostAsync($"/api/v1/playback/{title}", null);
        var lease = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString();

        using var renewed = await owner.PostAsync($"/api/v1/streams/{lease}/renew", null);
        using var stolen = await other.PostAsync($"/api/v1/streams/{lease}/renew", null);

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task The_entitlement_rules_refuse_with_the_right_status()
    {
        using var free = await TestAccounts.SignedInClientAsync(server, "free@example.com");
        using var premium = await TestAccounts.SignedInClientAsync(server, "premium@example.com", plan: "premium");
        var paid = await TestAccounts.TitleAsync(server, "Paid Film");
        var adult = await TestAccounts.TitleAsync(server, "Adult Film", maturity: 18);
        var germanOnly = await TestAccounts.TitleAsync(server, "Nur in Deutschland", countries: "DE");

        using var freeOnPaid = await free.PostAsync($"/api/v1/playback/{paid}", null);
        using var licence = await premium.PostAsync($"/api/v1/playback/{germanOnly}", null);
        using var missing = await premium.PostAsync("/api/v1/playback/0000000000000000", null);
        using var leaseOnly = await premium.PostAsJsonAsync("/api/v1/streams", new { titleId = adult });

        using var kid = await premium.PostAsJsonAsync("/api/v1/profiles", new { name = "Kid", maturityLimit = 7 });
        var kidId = (await kid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var selected = await premium.PostAsJsonAsync($"/api/v1/profiles/{kidId}/select", new { });
        var kidTokens = (await selected.Content.ReadFromJsonAsync<Marquee.Origin.Accounts.TokenPair>())!;
        using var asKid = TestAccounts.Client(server, kidTokens.AccessToken);
        using var kidOnAdult = await asKid.PostAsync($"/api/v1/playback/{adult}", null);
        using var adultOnAdult = await premium.PostAsync($"/api/v1/playback/{adult}", null);

        Assert.Equal(HttpStatusCode.Forbidden, freeOnPaid.StatusCode);
        Assert.Equal((HttpStatusCode)451, licence.StatusCode);
        Assert.True(licence.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, leaseOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, kidOnAdult.StatusCode);
        Assert.Contains("limited to 7+", (await kidOnAdult.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adultOnAdult.StatusCode);
    }

    [Fact]
    public async Task An_admin_disabling_an_account_ends_its_session_at_once()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "to-disable@example.com");
        using var admin = await TestAccounts.SignedInClientAsync(server, "boss@example.com");
        await using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(server.App.Services))
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Marquee.Origin.Accounts.MarqueeUser>>(scope.ServiceProvider);
            await users.AddToRoleAsync((await users.FindByEmailAsync("boss@example.com"))!, "admin");
        }

        using var asAdmin = TestAccounts.Client(server, (await TestAccounts.LoginAsync(server, "boss@example.com")).AccessToken);
        var viewerId = (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("id").GetString();

        using var notAllowed = await viewer.PostAsync($"/api/v1/admin/users/{viewerId}/disable", null);
        using var disabled = await asAdmin.PostAsync($"/api/v1/admin/users/{viewerId}/disable", null);
        using var afterwards = await viewer.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }
}
