using System.Diagnostics;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Cli;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Cdn;

/// <summary>A real <c>marquee edge</c> process beside a test origin: registered, heartbeating, and killable.</summary>
internal sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> stderr;
    private readonly System.Text.StringBuilder output = new();

    private EdgeProcess(Process process, string id, Uri address, string cache)
    {
        this.process = process;
        Id = id;
        Address = address;
        CacheDirectory = cache;
        stderr = process.StandardError.ReadToEndAsync();
        _ = PumpAsync(process.StandardOutput);
    }

    public string Id { get; }

    public Uri Address { get; }

    public string CacheDirectory { get; }

    /// <summary>What the edge logged so far (its log goes to standard output).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the edge and waits until the origin's steering counts it live.</summary>
    /// <param name="cache">The edge's cache directory; a new scratch folder when null.</param>
    public static async Task<EdgeProcess> StartAsync(OriginServer origin, string id, string region, string? parent = null, string? cache = null)
    {
        var port = FreePort.Next();
        cache ??= TestPaths.NewScratchFolder("edge-" + id);
        List<string> args = ["edge", "--id", id, "--region", region, "--origin", origin.Address.ToString(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cache", cache, "--cache-size", "512M"];
        if (parent is not null)
        {
            args.AddRange(["--parent", parent]);
        }

        var process = MarqueeCli.Start(args, new Dictionary<string, string> { ["MARQUEE_EDGE_KEY"] = origin.EdgeKey });
        process.StandardInput.Close();
        var edge = new EdgeProcess(process, id, new Uri($"http://127.0.0.1:{port}/"), cache);
        var ranker = origin.App.Services.GetRequiredService<SteeringRanker>();
        var directory = origin.App.Services.GetRequiredService<EdgeDirectory>();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"edge {id} exited {process.ExitCode}: {await edge.stderr}");
            }

            return (await directory.CurrentAsync(CancellationToken.None)).Any(e => e.Id == id && ranker.IsLive(e));
        }, $"edge {id} registers", TimeSpan.FromSeconds(60));
        return edge;
    }

    /// <summary>Ends the process at once, as a crash or a pulled cable would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
