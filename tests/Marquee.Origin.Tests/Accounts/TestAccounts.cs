using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
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
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = plan, CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<ProfileService>().CreateDefaultAsync(user.Id, "Main", CancellationToken.None);
        }

        var tokens = await LoginAsync(server, email);
        return Client(server, tokens.AccessToken);
    }

    public static async Task<TokenPair> LoginAsync(OriginServer server, string email)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{server.Errors}");
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    public static HttpClient Client(OriginServer server, string accessToken)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>
    /// A published, playable-looking title (no media needed for entitlement and catalog decisions), licensed
    /// worldwide or in <paramref name="countries"/> (comma-separated) on the free or subscription tier.
    /// </summary>
    public static async Task<string> TitleAsync(
        OriginServer server, string name, bool free = false, int maturity = 0, string countries = "", string genres = "", int? year = null, long? startsAtMs = null, long? endsAtMs = null)
    {
        var title = new Title
        {
            Id = Ids.New(), Name = name, Slug = Slug.From(name), AssetId = Ids.New(), MaturityRating = maturity, Genres = genres, Year = year,
            Published = true, PublishedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        var tier = free ? LicenceTier.Free : LicenceTier.Subscription;
        var codes = countries.Length == 0 ? [Licence.Everywhere] : countries.Split(',');
        title.Licences.AddRange(codes.Select(c => new Licence { Id = Ids.New(), TitleId = title.Id, Country = c, Tier = tier, StartsAtMs = startsAtMs, EndsAtMs = endsAtMs }));
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            db.Titles.Add(title);
            db.Assets.Add(new MediaAsset { Id = title.AssetId, Status = AssetStatus.Ready, PublishedVersion = 1 });
            await db.SaveChangesAsync();
        }

        await server.App.Services.GetRequiredService<CatalogIndex>().RefreshAsync([title.Id], CancellationToken.None);
        return title.Id;
    }

    /// <summary>A published series licensed worldwide with one season of <paramref name="episodes"/> playable-looking episodes.</summary>
    public static async Task<(string SeriesId, List<string> EpisodeIds)> SeriesAsync(OriginServer server, string name, int episodes = 2, bool free = false, int maturity = 0)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var series = new Title
        {
            Id = Ids.New(), Kind = TitleKind.Series, Name = name, Slug = Slug.From(name), MaturityRating = maturity,
            Published = true, PublishedAtMs = now, CreatedAtMs = now,
        };
        series.Licences.Add(new Licence { Id = Ids.New(), TitleId = series.Id, Country = Licence.Everywhere, Tier = free ? LicenceTier.Free : LicenceTier.Subscription });
        var season = new Season { Id = Ids.New(), SeriesId = series.Id, Number = 1, Name = "Season 1" };
        var list = Enumerable.Range(1, episodes)
            .Select(n => new Episode { Id = Ids.New(), SeriesId = series.Id, SeasonId = season.Id, Number = n, Name = $"{name} {n}", AssetId = Ids.New() })
            .ToList();
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            db.Titles.Add(series);
            db.Seasons.Add(season);
            db.Episodes.AddRange(list);
            db.Assets.AddRange(list.Select(e => new MediaAsset { Id = e.AssetId!, Status = AssetStatus.Ready, PublishedVersion = 1 }));
            await db.SaveChangesAsync();
        }

        await server.App.Services.GetRequiredService<CatalogIndex>().RefreshAsync([series.Id], CancellationToken.None);
        return (series.Id, [.. list.Select(e => e.Id)]);
    }

    /// <summary>A signed-in administrator.</summary>
    public static async Task<HttpClient> AdminClientAsync(OriginServer server, string email = "admin@example.com")
    {
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = "premium" };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
                await scope.ServiceProvider.GetRequiredService<ProfileService>().CreateDefaultAsync(user.Id, "Admin", CancellationToken.None);
            }
        }

        return Client(server, (await LoginAsync(server, email)).AccessToken);
    }
}
