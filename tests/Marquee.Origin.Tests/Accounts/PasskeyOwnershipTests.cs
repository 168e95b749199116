using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>Passkeys belong to their account (another cannot list or remove them), and an account holds a bounded number.</summary>
public sealed class PasskeyOwnershipTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Another_account_can_neither_see_nor_remove_a_passkey()
    {
        using var alice = await TestAccounts.SignedInClientAsync(server, "alice-keys@example.com");
        using var bob = await TestAccounts.SignedInClientAsync(server, "bob-keys@example.com");
        var id = (await AddPasskeysAsync("alice-keys@example.com", 1)).Single();

        var bobs = await bob.GetFromJsonAsync<JsonElement>("/api/v1/account/passkeys");
        using var removal = await bob.DeleteAsync($"/api/v1/account/passkeys/{id}");
        var alices = await alice.GetFromJsonAsync<JsonElement>("/api/v1/account/passkeys");

        Assert.Equal(0, bobs.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, removal.StatusCode);
        Assert.Equal(id, alices.EnumerateArray().Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_account_with_twenty_passkeys_is_offered_no_further_one()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "many-keys@example.com");
        using var before = await client.PostAsync("/api/v1/account/passkeys/options", null);
        await AddPasskeysAsync("many-keys@example.com", 20);

        using var after = await client.PostAsync("/api/v1/account/passkeys/options", null);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
    }

    /// <summary>Stores passkeys for the account as Identity would after a ceremony; their ids as the API shows them.</summary>
    private async Task<List<string>> AddPasskeysAsync(string email, int count)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var credential = RandomNumberGenerator.GetBytes(32);
            var passkey = new UserPasskeyInfo(credential, RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [], []) { Name = $"Key {i}" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
            ids.Add(WebEncoders.Base64UrlEncode(credential));
        }

        return ids;
    }
}
