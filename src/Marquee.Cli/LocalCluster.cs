using System.Diagnostics;
using System.Globalization;
using Marquee.Origin.Hosting;
using Marquee.Origin.Steering;

namespace Marquee.Cli;

/// <summary>
/// The edges of <c>./marquee up</c>: eu-1 :8101, eu-2 :8102, us-1 :8201, us-2 :8202, each its own process with its
/// own cache directory under the data directory. They get the edge key through the environment (never the
/// command line, which other users can read) and the origin's process id, so they stop when the origin does even
/// if it is killed.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public static readonly (string Id, string Region, int Port)[] Edges = [("eu-1", "eu", 8101), ("eu-2", "eu", 8102), ("us-1", "us", 8201), ("us-2", "us", 8202)];

    public const string WatchPidVariable = "MARQUEE_WATCH_PID";

    private readonly List<Process> processes = [];

    public static LocalCluster Start(DataDirectory data, Uri origin, string host)
    {
        var cluster = new LocalCluster();
        var key = File.ReadAllText(Path.Combine(data.Root, EdgeKey.FileName)).Trim();
        foreach (var (id, region, port) in Edges)
        {
            var start = SelfStartInfo();
            foreach (var arg in new[]
            {
                "edge", "--id", id, "--region", region, "--origin", origin.ToString(), "--host", host, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--cache", Path.Combine(data.Root, "edges", id), "--cache-size", "2G",
            })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["MARQUEE_EDGE_KEY"] = key;
            start.Environment[WatchPidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            cluster.processes.Add(Process.Start(start) ?? throw new InvalidOperationException($"could not start edge {id}"));
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        foreach (var process in processes)
        {
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>This same program: the apphost, or <c>dotnet marquee.dll</c>.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LocalCluster).Assembly.Location);
        }

        return start;
    }
}
