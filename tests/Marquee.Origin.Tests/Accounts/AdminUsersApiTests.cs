using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Accounts;

public sealed class AdminUsersApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_list_finds_addresses_in_any_case_newest_first_with_paging()
    {
        using var admin = await TestAccounts.AdminClientAsync(server);
        await UserAsync("Zoe.Listed@Example.com", createdAtMs: 3_000);
        await UserAsync("amy.listed@example.com", createdAtMs: 1_000);
        await UserAsync("bob.listed@example.com", createdAtMs: 2_000, confirmed: false);
        await UserAsync("someone.else@example.com", createdAtMs: 4_000);

        var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?q=LISTED");
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?q=listed&skip=1&take=1");
        var everyone = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users");

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(["Zoe.Listed@Example.com", "bob.listed@example.com", "amy.listed@example.com"], Emails(all));
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal(["bob.listed@example.com"], Emails(second));
        var bob = second.GetProperty("items")[0];
        Assert.Equal("free", bob.GetProperty("plan").GetString());
        Assert.False(bob.GetProperty("emailConfirmed").GetBoolean());
        Assert.False(bob.GetProperty("disabled").GetBoolean());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2_000), bob.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(["viewer"], bob.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(5, everyone.GetProperty("total").GetInt32());
        var root = everyone.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == "admin@example.com");
        Assert.Contains("admin", root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("skip=-1", "skip")]
    [InlineData("take=0", "take")]
    [InlineData("take=201", "take")]
    public async Task Bad_paging_is_a_validation_problem(string query, string field)
    {
        using var admin = await TestAccounts.AdminClientAsync(server);

        using var response = await admin.GetAsync($"/api/v1/admin/users?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_admin_changes_a_plan_and_the_entitlements_follow()
    {
        using var admin = await TestAccounts.AdminClientAsync(server);
        using var viewer = await TestAccounts.SignedInClientAsync(server, "upgraded@example.com");
        var id = (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("id").GetString();
        var paid = await TestAccounts.TitleAsync(server, "Subscribers Film");

        using var before = await viewer.PostAsync($"/api/v1/playback/{paid}", null);
        using var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/plan", new { planId = "standard" });
        using var after = await viewer.PostAsync($"/api/v1/playback/{paid}", null);
        using var unknownPlan = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/plan", new { planId = "platinum" });
        using var unknownUser = await admin.PutAsJsonAsync("/api/v1/admin/users/no-such-user/plan", new { planId = "standard" });

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var row = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal("standard", row.GetProperty("plan").GetString());
        Assert.Equal("upgraded@example.com", row.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPlan.StatusCode);
        Assert.True((await unknownPlan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("planId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
    }

    [Fact]
    public async Task A_viewer_may_neither_list_nor_change_plans()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "nosy@example.com");
        var id = (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("id").GetString();

        using var list = await viewer.GetAsync("/api/v1/admin/users");
        using var plan = await viewer.PutAsJsonAsync($"/api/v1/admin/users/{id}/plan", new { planId = "premium" });
        using var anonymous = await server.Http.GetAsync("/api/v1/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("free", (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("plan").GetString());
    }

    private static List<string?> Emails(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString())];

    private async Task UserAsync(string email, long createdAtMs, bool confirmed = true)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = confirmed, CreatedAtMs = createdAtMs };
        Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Viewer)).Succeeded);
    }
}
