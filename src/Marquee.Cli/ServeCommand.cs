using Marquee.Cli.Scale;
using Marquee.Origin;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marquee.Cli;

/// <summary>
/// <c>marquee up</c> and <c>marquee origin</c>: the origin with its workers, with or without demo content; <c>up</c>
/// also starts the local cluster's four edges (unless <c>--no-edges</c>) and stops them with the origin.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, bool seedDemo)
    {
        var parsed = Arguments.Parse(args, seedDemo ? ["data", "urls", "edge-ports", "scale-ports"] : ["data", "urls"], seedDemo ? ["no-edges", "scale"] : []);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{parsed.Positional[0]}'.");
        }

        var edgePorts = LocalCluster.ParsePorts(parsed.Value("edge-ports"));
        if (parsed.Flag("scale"))
        {
            return parsed.Value("urls") is null
                ? await ScaleCluster.RunAsync(parsed.Value("data"), ScalePorts.Parse(parsed.Value("scale-ports")), edgePorts, !parsed.Flag("no-edges"))
                : throw new UsageException("--urls does not apply to up --scale; choose its ports with --scale-ports.");
        }

        if (parsed.Value("scale-ports") is not null)
        {
            throw new UsageException("--scale-ports applies to up --scale only.");
        }

        var hostArgs = new List<string>();
        if (parsed.Value("data") is { } data)
        {
            hostArgs.AddRange(["--Data", data]);
        }

        if (parsed.Value("urls") is { } urls)
        {
            hostArgs.AddRange(["--urls", urls]);
        }

        hostArgs.AddRange(["--Demo:Seed", seedDemo ? "true" : "false"]);
        var app = OriginApp.Build([.. hostArgs]);
        using var parentWatch = ParentWatch.Start(app.Lifetime);
        await OriginApp.InitializeAsync(app);
        try
        {
            await app.StartAsync();
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Ctrl-C (or SIGTERM) while the catalog was still loading: a stop like any other, not a crash.
            await Console.Error.WriteLineAsync("marquee: stopped before the origin finished starting.");
            return ExitCodes.Ok;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"marquee: {e.Message} Is another Marquee running? Stop it, or choose another address with --urls.");
            return ExitCodes.Failed;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var directory = app.Services.GetRequiredService<DataDirectory>();
        var origin = new Uri(addresses.First());
        await using var cluster = seedDemo && !parsed.Flag("no-edges") ? LocalCluster.Start(directory, origin, origin.Host, edgePorts) : null;
        var edges = cluster is null ? "" : string.Join("\n", LocalCluster.Placed(edgePorts).Select(e => $"  edge {e.Id,-8} http://{origin.Host}:{e.Port}   (region {e.Region})")) + "\n";
        var watch = app.Services.GetRequiredService<IOptions<IngestOptions>>().Value.WatchFolder;
        var playback = addresses.FirstOrDefault() + "/api/v1/playback/{titleId}";
        Console.WriteLine($"""

            Marquee is running.
              web app       {addresses.FirstOrDefault()}/   (an administrator: ./marquee user add you@example.com --admin)
              origin        {string.Join(", ", addresses)}
            {edges}  playback      POST {playback} (signed in) → manifests on the nearest edge
              titles        {addresses.FirstOrDefault()}/api/v1/titles   home rows {addresses.FirstOrDefault()}/api/v1/browse
              search        {addresses.FirstOrDefault()}/api/v1/search?q=signal
              regions       add -H 'X-Forwarded-For: 198.51.100.7' (DE) or 203.0.113.9 (JP); loopback is US
              health        {addresses.FirstOrDefault()}/healthz   metrics {addresses.FirstOrDefault()}/metrics
              data          {directory.Root}
              watch folder  {(string.IsNullOrWhiteSpace(watch) ? directory.Watch : watch)}
              admin key     {directory.AdminKeyFile}
            {(seedDemo ? "  demo titles appear as they finish transcoding (see /api/v1/titles).\n" : "")}Press Ctrl-C to stop.
            """);
        await app.WaitForShutdownAsync();
        return ExitCodes.Ok;
    }
}
