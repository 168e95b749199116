using Marquee.Origin;
using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// The three accounts the bench signs in as, made through the origin's own services as <c>marquee user add</c> makes
/// them (UserManager, ProfileService): an administrator for the rebuild call, the viewer whose browse is measured with
/// history, and a viewer without any, for today's non-personal browse.
/// </summary>
internal sealed record BenchAccounts(string AdminEmail, string ViewerEmail, string ViewerProfileId, string ColdEmail)
{
    public const string Password = "bench-password-Quartz-42";

    public static async Task<BenchAccounts> CreateAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();

        async Task<string> Create(string email, string role)
        {
            var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = "premium", CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("could not create " + email + ": " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            return (await profiles.CreateDefaultAsync(user.Id, "Main", cancellationToken)).Id;
        }

        await Create("admin@bench.example", Roles.Admin);
        var viewerProfile = await Create("viewer@bench.example", Roles.Viewer);
        await Create("cold@bench.example", Roles.Viewer);
        return new BenchAccounts("admin@bench.example", "viewer@bench.example", viewerProfile, "cold@bench.example");
    }
}
