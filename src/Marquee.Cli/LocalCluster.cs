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

    /// <param name="ports">The edges' ports in the order of <see cref="Edges"/>; null for the defaults.</param>
    public static LocalCluster Start(DataDirectory data, Uri origin, string host, IReadOnlyList<int>? ports = null)
    {
        var cluster = new LocalCluster();
        var key = File.ReadAllText(Path.Combine(data.Root, EdgeKey.FileName)).Trim();
        foreach (var (id, region, port) in Placed(ports))
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

    /// <summary>The edges with the ports they will listen on.</summary>
    public static IEnumerable<(string Id, string Region, int Port)> Placed(IReadOnlyList<int>? ports) =>
        Edges.Select((edge, i) => (edge.Id, edge.Region, ports?[i] ?? edge.Port));

    /// <summary>Parses <c>--edge-ports</c>: one port for each edge, comma-separated, in the order eu-1, eu-2, us-1, us-2.</summary>
    public static IReadOnlyList<int>? ParsePorts(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ports = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : 0).ToList();
        if (ports.Count != Edges.Length || ports.Contains(0) || ports.Distinct().Count() != ports.Count)
        {
            throw new UsageException($"--edge-ports takes {Edges.Length} different ports (1-65535), comma-separated, for {string.Join(", ", Edges.Select(e => e.Id))}.");
        }

        return ports;
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
    internal static ProcessStartInfo SelfStartInfo()
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
