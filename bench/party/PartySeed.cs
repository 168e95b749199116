using System.Globalization;
using Marquee.Bench.Recommendations.Serving;
using Marquee.Origin;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Party;

/// <summary>
/// Fills the data folder before the origin starts, in this process through the origin's own services (migrations,
/// UserManager, as <c>marquee user add</c> does): premium accounts of <see cref="ProfilesPerAccount"/> profiles each
/// (the origin runs with Accounts:MaxProfiles at that; members never start streams, so the plan's stream limit does
/// not come into it), and one published film licensed everywhere with a ready media-asset row (joining
/// and the entitlement checks read rows, never media, so nothing is transcoded). The password is hashed once and
/// the hash given to every account, so seeding does not take one deliberately slow hash per account; signing in
/// through the API still checks it as for anyone, and that is why an account has 10 profiles: 100 sign-ins for
/// 1,000 members rather than 1,000 (each ~55 ms of CPU on the origin).
/// </summary>
internal static class PartySeed
{
    public const string Password = "bench-password-Quartz-42";
    public const int ProfilesPerAccount = 10;
    public const double FilmSeconds = 2 * 3600;

    /// <summary>Settings of ours on top of the benches' common ones, for the seeding and for the origin.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Accounts:MaxProfiles"] = ProfilesPerAccount.ToString(CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string> Environment()
    {
        var environment = OriginSettings.Environment();
        foreach (var (key, value) in Settings)
        {
            environment["MARQUEE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    public static string Email(int account) => $"member{account.ToString(CultureInfo.InvariantCulture)}@party.example";

    /// <summary>Returns the film's id.</summary>
    public static async Task<string> RunAsync(string dataFolder, int accounts, CancellationToken cancellationToken)
    {
        await using var app = OriginApp.Build([.. OriginSettings.Arguments(dataFolder), .. Settings.SelectMany(s => new[] { "--" + s.Key, s.Value })]);
        await OriginApp.InitializeAsync(app, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var hash = users.PasswordHasher.HashPassword(new MarqueeUser(), Password);
        for (var a = 0; a < accounts; a++)
        {
            var email = Email(a);
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = "premium", CreatedAtMs = now, PasswordHash = hash };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("could not create " + email + ": " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Viewer);
            for (var p = 0; p < ProfilesPerAccount; p++)
            {
                db.Profiles.Add(new Profile { Id = Ids.New(), UserId = user.Id, Name = $"M{a}-{p}", CreatedAtMs = now + p });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var asset = new MediaAsset { Id = Ids.New(), Status = AssetStatus.Ready, PublishedVersion = 1, DurationSeconds = FilmSeconds, CreatedAtMs = now, UpdatedAtMs = now };
        db.Assets.Add(asset);
        var title = new Title
        {
            Id = Ids.New(), Name = "Signal Harbor", Slug = "signal-harbor-party", AssetId = asset.Id, MaturityRating = 0, RuntimeMinutes = (int)(FilmSeconds / 60),
            Genres = "Drama", Year = 2020, Synopsis = "Friends in four cities watch it together.", Published = true, PublishedAtMs = now, CreatedAtMs = now, UpdatedAtMs = now,
        };
        title.Licences.Add(new Licence { Id = Ids.New(), TitleId = title.Id, Country = Licence.Everywhere, Tier = LicenceTier.Subscription });
        db.Titles.Add(title);
        await db.SaveChangesAsync(cancellationToken);
        return title.Id;
    }
}
