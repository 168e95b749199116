using Marquee.Origin;
using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Social;

/// <summary>
/// The two accounts the bench signs in as, made through the origin's own services as <c>marquee user add</c> makes
/// them: an administrator for moderation, and the viewer whose comment pages and matches are measured. The generated
/// people never sign in, so they are written as rows (<see cref="SocialSeeder"/>).
/// </summary>
internal sealed record BenchAccounts(string ViewerUserId, string ViewerProfileId)
{
    public const string Password = "bench-password-Quartz-42";
    public const string AdminEmail = "admin@bench.example";
    public const string ViewerEmail = "viewer@bench.example";
    public const string ViewerHandle = "bench_viewer";

    public static async Task<BenchAccounts> CreateAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();

        async Task<(string User, string Profile)> Create(string email, string role)
        {
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = "premium", CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("could not create " + email + ": " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            return (user.Id, (await profiles.CreateDefaultAsync(user.Id, "Main", cancellationToken)).Id);
        }

        await Create(AdminEmail, Roles.Admin);
        var (viewerUser, viewerProfile) = await Create(ViewerEmail, Roles.Viewer);
        return new BenchAccounts(viewerUser, viewerProfile);
    }

    public string Serialize() => ViewerUserId + "\n" + ViewerProfileId + "\n";

    public static BenchAccounts Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new BenchAccounts(lines[0], lines[1]);
    }
}
