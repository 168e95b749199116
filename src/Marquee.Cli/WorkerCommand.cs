using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marquee.Cli;

/// <summary><c>marquee worker</c>: transcoding only, for scaling the pipeline out beside the origin.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args, ["data"], []);
        using var host = CliHost.Create(parsed.Value("data"), withWorkers: true);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), CancellationToken.None);
        }

        Console.WriteLine($"Marquee worker on {host.Services.GetRequiredService<DataDirectory>().Root}. Press Ctrl-C to stop.");
        using var watch = ParentWatch.Start(host.Services.GetRequiredService<IHostApplicationLifetime>());
        await host.RunAsync();
        return ExitCodes.Ok;
    }
}
