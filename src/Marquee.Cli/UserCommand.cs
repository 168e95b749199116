using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Cli;

/// <summary>
/// <c>marquee user add EMAIL [--admin]</c>: creates a confirmed account, the password read from standard input
/// (the first line), so it never appears in the process list or shell history. The way to make the first admin.
/// </summary>
internal static class UserCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "add")
        {
            throw new UsageException("usage: marquee user add EMAIL [--plan free|standard|premium] [--admin] [--data DIR] (password on standard input).");
        }

        var parsed = Arguments.Parse(args[1..], ["data", "plan"], ["admin"]);
        if (parsed.Positional.Count != 1)
        {
            throw new UsageException("user add takes exactly one EMAIL.");
        }

        if (!Console.IsInputRedirected)
        {
            await Console.Error.WriteAsync("Password: ");
        }

        var password = (await Console.In.ReadLineAsync()) ?? "";
        using var host = CliHost.Create(parsed.Value("data"), withWorkers: false, LogLevel.Warning);
        await using var scope = host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), CancellationToken.None);
        await AccountServices.SeedRolesAsync(scope.ServiceProvider);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarqueeUser>>();
        var email = parsed.Positional[0].Trim();
        var plan = parsed.Value("plan") ?? "free";
        if (!Plan.Defaults.Any(p => p.Id == plan) && !scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().Plans.Any(p => p.Id == plan))
        {
            throw new UsageException($"--plan must name a plan (free, standard, premium, or one an admin added), not '{plan}'.");
        }

        var user = new MarqueeUser { UserName = email, Email = email, EmailConfirmed = true, PlanId = plan, CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync("marquee: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return ExitCodes.Usage;
        }

        await users.AddToRoleAsync(user, Roles.Viewer);
        await scope.ServiceProvider.GetRequiredService<ProfileService>().CreateDefaultAsync(user.Id, ProfileService.DefaultName(email), CancellationToken.None);
        if (parsed.Flag("admin"))
        {
            await users.AddToRoleAsync(user, Roles.Admin);
        }

        Console.WriteLine(user.Id);
        return ExitCodes.Ok;
    }
}
