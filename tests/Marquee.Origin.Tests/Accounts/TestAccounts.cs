using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>Accounts and catalog rows made directly through the server's own services, for tests about what they may do.</summary>
internal static class TestAccounts
{
    public const string Password = "a fine test passphrase";

    public static async Task<HttpClient> SignedInClientAsync(OriginServer server, string email, string plan = "free")
    {
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = plan };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<ProfileService>().CreateDefaultAsync(user.Id, "Main", CancellationToken.None);
        }

        var tokens = await LoginAsync(server, email);
        return Client(server, tokens.AccessToken);
    }

    public static async Task<TokenPair> LoginAsync(OriginServer server, string email)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    public static HttpClient Client(OriginServer server, string accessToken)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A playable-looking title row (no media needed for entitlement decisions).</summary>
    public static async Task<string> TitleAsync(OriginServer server, string name, bool free = false, int maturity = 0, string countries = "")
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var assetId = Ids.New();
        var title = new Title { Id = Ids.New(), Name = name, Slug = Slug.From(name), AssetId = assetId, Free = free, MaturityRating = maturity, Countries = countries };
        db.Titles.Add(title);
        db.Assets.Add(new MediaAsset { Id = assetId, Status = AssetStatus.Ready, PublishedVersion = 1 });
        await db.SaveChangesAsync();
        return title.Id;
    }
}
