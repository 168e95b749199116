using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Cli;

/// <summary>
/// <c>marquee previews [--data DIR]</c>: cuts the public preview of every ready asset published before previews
/// existed, from its published package. Run once after upgrading; running it again only looks at assets still
/// without one. Prints how many were cut; exits non-zero when one could not be.
/// </summary>
internal static class PreviewsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args, ["data"], []);
        if (parsed.Positional.Count != 0)
        {
            throw new UsageException("previews takes no arguments besides --data DIR.");
        }

        using var host = CliHost.Create(parsed.Value("data"), withWorkers: false, LogLevel.Information);
        await using var scope = host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), CancellationToken.None);
        var outcome = await scope.ServiceProvider.GetRequiredService<PreviewBackfill>().RunAsync(CancellationToken.None);
        Console.WriteLine($"{outcome.Cut} previews cut, {outcome.Failed} failed");
        return outcome.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
