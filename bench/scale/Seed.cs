using System.Globalization;
using System.Net.Http.Json;
using Marquee.Origin;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Scale;

/// <summary>
/// Fills an installation before its origins start, in this process through the origin's own services (the
/// migrations, UserManager and ProfileService as <c>marquee user add</c> uses them): accounts with a profile, and
/// published titles licensed everywhere with a ready media asset row. Playback authorization and search read only
/// these rows, never the media, so no video is transcoded.
/// </summary>
internal static class Seed
{
    public const string Password = "bench-password-Quartz-42";

    /// <summary>Words titles are made of and queries are drawn from.</summary>
    public static readonly string[] Words =
    [
        "signal", "harbor", "midnight", "copper", "lantern", "orbit", "meadow", "cipher", "glacier", "ember", "falcon", "velvet",
        "thunder", "archive", "compass", "desert", "echo", "frontier", "garden", "horizon", "island", "jungle", "kingdom", "legend",
        "mirror", "nebula", "ocean", "phantom", "quarry", "river", "shadow", "tempest", "utopia", "voyage", "winter", "zenith",
        "anchor", "beacon", "canyon", "dynasty", "eclipse", "fortress", "granite", "hollow", "ivory", "jasper", "kestrel", "labyrinth",
        "monsoon", "nomad", "oracle", "prairie", "quest", "rapids", "summit", "timber", "umbra", "valley", "willow", "yonder",
    ];

    public static async Task<SeedResult> RunAsync(string dataDir, IReadOnlyDictionary<string, string> settings, int viewers, int titles, CancellationToken cancellationToken)
    {
        var args = new List<string> { "--Data", dataDir, "--urls", "http://127.0.0.1:0" };
        foreach (var (key, value) in Origins.Common.Concat(settings))
        {
            args.AddRange(["--" + key, value]);
        }

        // The first migration's probe for its history table fails by design on PostgreSQL; nothing here is news.
        args.AddRange(["--Logging:LogLevel:Default", "Error", "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"]);

        await using var app = OriginApp.Build([.. args]);
        await OriginApp.InitializeAsync(app, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var emails = new List<string>();
        for (var i = 0; i <= viewers; i++)
        {
            var email = i == 0 ? "admin@bench.example" : $"viewer{i.ToString(CultureInfo.InvariantCulture)}@bench.example";
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = "premium", CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("could not create " + email + ": " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, i == 0 ? Roles.Admin : Roles.Viewer);
            await profiles.CreateDefaultAsync(user.Id, "Main", cancellationToken);
            if (i > 0)
            {
                emails.Add(email);
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var asset = new MediaAsset { Id = Ids.New(), Status = AssetStatus.Ready, PublishedVersion = 1 };
        db.Assets.Add(asset);
        var ids = new List<string>();
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < titles; i++)
        {
            var name = i == 0 ? "Signal Harbor" : TitleName(random, i);
            var title = new Title
            {
                Id = Ids.New(), Name = name, Slug = Slug.From(name) + "-" + i.ToString(CultureInfo.InvariantCulture), AssetId = asset.Id, MaturityRating = 0,
                Genres = "Drama", Year = 1950 + (i % 75), Synopsis = $"A story of {Words[random.Next(Words.Length)]} and {Words[random.Next(Words.Length)]}.",
                Published = true, PublishedAtMs = now, CreatedAtMs = now, UpdatedAtMs = now,
            };
            title.Licences.Add(new Licence { Id = Ids.New(), TitleId = title.Id, Country = Licence.Everywhere, Tier = LicenceTier.Subscription });
            db.Titles.Add(title);
            ids.Add(title.Id);
            if (i % 500 == 499)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SeedResult(emails, ids, asset.Id);
    }

    public static string TitleName(Random random, int i)
    {
        var words = Enumerable.Range(0, 2 + (i % 2)).Select(_ => Words[random.Next(Words.Length)]);
        return string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>Signs in through the API (as a player would) and returns the access token.</summary>
    public static async Task<string> LoginAsync(HttpClient http, Uri origin, string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(origin, "api/v1/auth/login"), new { email, password = Password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var tokens = await response.Content.ReadFromJsonAsync<TokenPair>(cancellationToken);
        return tokens!.AccessToken;
    }
}

internal sealed record SeedResult(IReadOnlyList<string> ViewerEmails, IReadOnlyList<string> TitleIds, string AssetId);
