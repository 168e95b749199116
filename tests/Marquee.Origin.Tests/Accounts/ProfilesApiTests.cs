using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marquee.Origin.Tests.Accounts;

public sealed class ProfilesApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Profiles_are_created_up_to_the_limit_and_listed_without_their_pin()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "family@example.com");
        for (var i = 0; i < 4; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/profiles", new { name = $"Child {i}", maturityLimit = 7, pin = i == 0 ? "1234" : null });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var sixth = await client.PostAsJsonAsync("/api/v1/profiles", new { name = "One too many" });
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/profiles");

        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        Assert.Equal(5, list.GetArrayLength());
        Assert.True(list[1].GetProperty("locked").GetBoolean());
        Assert.True(list[1].GetProperty("kids").GetBoolean());
        Assert.DoesNotContain("pinHash", list.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_locked_profile_needs_its_pin_and_a_kids_profile_cannot_manage_profiles()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "parent@example.com");
        using var created = await client.PostAsJsonAsync("/api/v1/profiles", new { name = "Kid", maturityLimit = 7, pin = "4321" });
        var kid = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var noPin = await client.PostAsJsonAsync($"/api/v1/profiles/{kid}/select", new { });
        using var wrongPin = await client.PostAsJsonAsync($"/api/v1/profiles/{kid}/select", new { pin = "0000" });
        using var rightPin = await client.PostAsJsonAsync($"/api/v1/profiles/{kid}/select", new { pin = "4321" });

        Assert.Equal(HttpStatusCode.Forbidden, noPin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongPin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightPin.StatusCode);
        var kidTokens = (await rightPin.Content.ReadFromJsonAsync<Marquee.Origin.Accounts.TokenPair>())!;
        using var asKid = TestAccounts.Client(server, kidTokens.AccessToken);
        using var raise = await asKid.PatchAsJsonAsync($"/api/v1/profiles/{kid}", new { maturityLimit = 18 });
        Assert.Equal(HttpStatusCode.Forbidden, raise.StatusCode);
    }

    [Fact]
    public async Task Another_accounts_profile_is_not_found()
    {
        using var alice = await TestAccounts.SignedInClientAsync(server, "alice@example.com");
        using var bob = await TestAccounts.SignedInClientAsync(server, "bob@example.com");
        var bobsProfile = (await bob.GetFromJsonAsync<JsonElement>("/api/v1/profiles"))[0].GetProperty("id").GetString();

        using var select = await alice.PostAsJsonAsync($"/api/v1/profiles/{bobsProfile}/select", new { });
        using var edit = await alice.PatchAsJsonAsync($"/api/v1/profiles/{bobsProfile}", new { name = "Hacked" });
        using var delete = await alice.DeleteAsync($"/api/v1/profiles/{bobsProfile}");

        Assert.Equal(HttpStatusCode.NotFound, select.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("Main", (await bob.GetFromJsonAsync<JsonElement>("/api/v1/profiles"))[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"Ok\",\"avatar\":\"<script>\"}", "avatar")]
    [InlineData("{\"name\":\"Ok\",\"maturityLimit\":12}", "maturityLimit")]
    [InlineData("{\"name\":\"Ok\",\"pin\":\"12a4\"}", "pin")]
    [InlineData("{\"name\":\"Ok\",\"language\":\"english please\"}", "language")]
    public async Task Invalid_profiles_get_field_level_problems(string body, string field)
    {
        using var client = await TestAccounts.SignedInClientAsync(server, $"fields-{field}@example.com");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/profiles", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_last_profile_cannot_be_deleted()
    {
        using var client = await TestAccounts.SignedInClientAsync(server, "single@example.com");
        var only = (await client.GetFromJsonAsync<JsonElement>("/api/v1/profiles"))[0].GetProperty("id").GetString();

        using var response = await client.DeleteAsync($"/api/v1/profiles/{only}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Plans_are_listed_changed_by_the_account_and_edited_only_by_admins()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "upgrader@example.com");
        var plans = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        Assert.Equal(["free", "standard", "premium"], plans.EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        using var change = await viewer.PutAsJsonAsync("/api/v1/account/plan", new { planId = "premium" });
        using var bogus = await viewer.PutAsJsonAsync("/api/v1/account/plan", new { planId = "platinum" });
        using var edit = await viewer.PutAsJsonAsync("/api/v1/plans/free", new { maxStreams = 9 });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }
}
