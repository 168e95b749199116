using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>Passkey sign-in: a real Chromium with a virtual authenticator for the ceremonies, plain HTTP for the refusals.</summary>
public sealed class PasskeyTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_browser_adds_a_passkey_and_signs_in_with_it_alone()
    {
        using (await TestAccounts.SignedInClientAsync(server, "passkey@example.com"))
        {
        }

        // WebAuthn needs a secure context and a domain for the relying party: localhost, not 127.0.0.1.
        var baseUrl = $"http://localhost:{server.Address.Port}";
        var run = await NodeScript.RunAsync("passkey.mjs", [baseUrl, "passkey@example.com", TestAccounts.Password], TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(run.StandardOutputLines[^1]).RootElement;

        Assert.Equal(204, result.GetProperty("passwordLogin").GetInt32());
        Assert.Equal(201, result.GetProperty("add").GetProperty("status").GetInt32());
        Assert.Equal(400, result.GetProperty("addReplayed").GetInt32());
        var list = JsonDocument.Parse(result.GetProperty("list").GetProperty("body").GetString()!).RootElement;
        Assert.Equal("Test browser", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(401, result.GetProperty("signedOut").GetInt32());
        Assert.Equal(204, result.GetProperty("passkeyLogin").GetInt32());
        Assert.Contains("passkey@example.com", result.GetProperty("account").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, result.GetProperty("loginReplayed").GetProperty("status").GetInt32());
        Assert.Equal(200, result.GetProperty("tokenLogin").GetProperty("status").GetInt32());

        // The token pair a device client got works like one from a password sign-in.
        var pair = JsonDocument.Parse(result.GetProperty("tokenLogin").GetProperty("body").GetString()!).RootElement;
        using var device = TestAccounts.Client(server, pair.GetProperty("accessToken").GetString()!);
        using var me = await device.GetAsync("/api/v1/account", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // Removing the passkey is immediate; its id is the base64url credential id from the list.
        var id = list[0].GetProperty("id").GetString()!;
        using var removed = await device.DeleteAsync($"/api/v1/account/passkeys/{id}", TestContext.Current.CancellationToken);
        using var again = await device.DeleteAsync($"/api/v1/account/passkeys/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Sign_in_options_ask_for_a_discoverable_credential_and_name_no_account()
    {
        using var response = await server.Http.PostAsync("/api/v1/auth/passkey/options", null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = body.GetProperty("options");
        Assert.True(options.GetProperty("challenge").GetString()!.Length >= 22);
        Assert.False(options.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Forged_malformed_and_foreign_answers_are_refused_cleanly()
    {
        using var options = await server.Http.PostAsync("/api/v1/auth/passkey/options", null, TestContext.Current.CancellationToken);
        var state = (await options.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("state").GetString()!;
        var garbage = new { id = "AAAA", rawId = "AAAA", type = "public-key", response = new { clientDataJSON = "e30", authenticatorData = "AAAA", signature = "AAAA" } };

        using var forged = await server.Http.PostAsJsonAsync("/api/v1/auth/passkey/login", new { credential = garbage, state = state[..^4] + "AAAA" }, TestContext.Current.CancellationToken);
        using var bogus = await server.Http.PostAsJsonAsync("/api/v1/auth/passkey/login", new { credential = garbage, state }, TestContext.Current.CancellationToken);
        using var notObject = await server.Http.PostAsJsonAsync("/api/v1/auth/passkey/login", new { credential = "hello", state }, TestContext.Current.CancellationToken);
        using var missing = await server.Http.PostAsJsonAsync("/api/v1/auth/passkey/login", new { state }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
        Assert.Equal("application/problem+json", bogus.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        // A sign-in state cannot add a passkey, and one account's registration state is useless to another.
        using var alice = await TestAccounts.SignedInClientAsync(server, "alice-pk@example.com");
        using var bob = await TestAccounts.SignedInClientAsync(server, "bob-pk@example.com");
        using var aliceOptions = await alice.PostAsync("/api/v1/account/passkeys/options", null, TestContext.Current.CancellationToken);
        var aliceState = (await aliceOptions.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("state").GetString()!;
        using var crossPurpose = await alice.PostAsJsonAsync("/api/v1/account/passkeys", new { credential = garbage, state }, TestContext.Current.CancellationToken);
        using var crossAccount = await bob.PostAsJsonAsync("/api/v1/account/passkeys", new { credential = garbage, state = aliceState }, TestContext.Current.CancellationToken);
        using var badAnswer = await alice.PostAsJsonAsync("/api/v1/account/passkeys", new { credential = garbage, state = aliceState }, TestContext.Current.CancellationToken);
        using var longName = await alice.PostAsJsonAsync("/api/v1/account/passkeys", new { credential = garbage, state = aliceState, name = new string('n', 65) }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, crossPurpose.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, crossAccount.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
    }

    [Fact]
    public async Task Managing_passkeys_needs_a_session_and_unknown_ids_are_404()
    {
        using var anonymous = await server.Http.PostAsync("/api/v1/account/passkeys/options", null, TestContext.Current.CancellationToken);
        using var client = await TestAccounts.SignedInClientAsync(server, "carol-pk@example.com");
        using var list = await client.GetAsync("/api/v1/account/passkeys", TestContext.Current.CancellationToken);
        using var unknown = await client.DeleteAsync("/api/v1/account/passkeys/AAAAAAAA", TestContext.Current.CancellationToken);
        using var notBase64 = await client.DeleteAsync("/api/v1/account/passkeys/%25%25%25", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notBase64.StatusCode);
    }
}
