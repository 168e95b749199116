using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>
/// A PIN keeps a profile to whoever knows it: another profile of the account cannot lift, change or delete the lock,
/// a request never falls back to a locked profile, guessing a PIN is limited per profile, and the account's password
/// lifts a forgotten one.
/// </summary>
public sealed class ProfileLockTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Accounts:AccountRequestsPerHour", "4", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Another_profile_can_neither_unlock_change_nor_delete_a_locked_profile_but_the_profile_itself_can()
    {
        using var owner = await TestAccounts.SignedInClientAsync(server, "lock-owner@example.com");
        var locked = await CreateAsync(owner, new { name = "Private", pin = "2468" });

        using var unlock = await owner.PatchAsJsonAsync($"/api/v1/profiles/{locked}", new { pin = "" });
        using var change = await owner.PatchAsJsonAsync($"/api/v1/profiles/{locked}", new { name = "Mine now", pin = "1111" });
        using var delete = await owner.DeleteAsync($"/api/v1/profiles/{locked}");
        using var select = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/select", new { });
        using var asItself = await SelectAsync(owner, locked, "2468");
        using var ownUnlock = await asItself.PatchAsJsonAsync($"/api/v1/profiles/{locked}", new { pin = "" });

        Assert.Equal(HttpStatusCode.Forbidden, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, select.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownUnlock.StatusCode);
        Assert.False((await ownUnlock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task Without_a_usable_selection_a_request_acts_as_the_first_profile_without_a_pin()
    {
        using var first = await TestAccounts.SignedInClientAsync(server, "first-locked@example.com");
        var main = await ActingAsAsync(first);
        var guest = await CreateAsync(first, new { name = "Guest" });
        using var lockMain = await first.PatchAsJsonAsync($"/api/v1/profiles/{main}", new { pin = "1357" });
        Assert.Equal(HttpStatusCode.OK, lockMain.StatusCode);

        // A new sign-in has chosen no profile: it is not the locked first one.
        using var signIn = TestAccounts.Client(server, (await TestAccounts.LoginAsync(server, "first-locked@example.com")).AccessToken);
        // A session whose profile was deleted meanwhile does not fall back to it either.
        using var asGuest = await SelectAsync(signIn, guest);
        var temporary = await CreateAsync(asGuest, new { name = "Temporary" });
        using var asTemporary = await SelectAsync(asGuest, temporary);
        using var deleted = await asGuest.DeleteAsync($"/api/v1/profiles/{temporary}");

        Assert.Equal(guest, await ActingAsAsync(signIn));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(guest, await ActingAsAsync(asTemporary));
    }

    [Fact]
    public async Task When_every_profile_is_locked_a_request_without_a_selection_is_asked_to_choose_one()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "all-locked@example.com");
        var main = await ActingAsAsync(client);
        using var lockMain = await client.PatchAsJsonAsync($"/api/v1/profiles/{main}", new { pin = "9753" });
        Assert.Equal(HttpStatusCode.OK, lockMain.StatusCode);

        var title = await TestAccounts.TitleAsync(server, "Everyone's Film", free: true);
        using var browse = await client.GetAsync("/api/v1/browse");
        using var playback = await client.PostAsync($"/api/v1/playback/{title}", null);
        var account = await client.GetFromJsonAsync<JsonElement>("/api/v1/account");
        var profiles = await client.GetFromJsonAsync<JsonElement>("/api/v1/profiles");
        using var chosen = await SelectAsync(client, main, "9753");
        using var browseAsMain = await chosen.GetAsync("/api/v1/browse");

        Assert.Equal(HttpStatusCode.Forbidden, browse.StatusCode);
        Assert.Equal("choose-profile", (await browse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, playback.StatusCode);
        Assert.Equal("", account.GetProperty("profileId").GetString());
        Assert.Equal(1, profiles.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, browseAsMain.StatusCode);
    }

    [Fact]
    public async Task A_forgotten_pin_is_lifted_with_the_accounts_password_and_only_for_its_own_profiles()
    {
        using var owner = await TestAccounts.SignedInClientAsync(server, "forgot-pin@example.com");
        using var stranger = await TestAccounts.SignedInClientAsync(server, "stranger-pin@example.com");
        var locked = await CreateAsync(owner, new { name = "Forgotten", pin = "1357" });

        using var wrong = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/unlock", new { password = "not the password" });
        using var notTheirs = await stranger.PostAsJsonAsync($"/api/v1/profiles/{locked}/unlock", new { password = TestAccounts.Password });
        using var unlocked = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/unlock", new { password = TestAccounts.Password });
        using var selected = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/select", new { });

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.False((await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
    }

    [Fact]
    public async Task Guessing_a_pin_is_limited_per_profile()
    {
        using var owner = await TestAccounts.SignedInClientAsync(server, "pin-guess@example.com");
        var locked = await CreateAsync(owner, new { name = "Vault", pin = "8642" });
        var statuses = new List<HttpStatusCode>();
        foreach (var guess in new[] { "0000", "1111", "2222", "3333" })
        {
            using var wrong = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/select", new { pin = guess });
            statuses.Add(wrong.StatusCode);
        }

        using var right = await owner.PostAsJsonAsync($"/api/v1/profiles/{locked}/select", new { pin = "8642" });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
    }

    private static async Task<string> CreateAsync(HttpClient client, object body)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/profiles", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpClient> SelectAsync(HttpClient client, string profile, string? pin = null)
    {
        using var selected = await client.PostAsJsonAsync($"/api/v1/profiles/{profile}/select", new { pin });
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        return TestAccounts.Client(server, (await selected.Content.ReadFromJsonAsync<TokenPair>())!.AccessToken);
    }

    private static async Task<string> ActingAsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("profileId").GetString()!;
}
