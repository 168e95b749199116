using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests;

/// <summary>
/// A real <c>marquee edge</c> process (the CLI's edge role, as an operator starts it), for what must be measured
/// apart from the test process: its memory. Its upstream is a <see cref="TestUpstream"/>, which is no control
/// plane, so it has no token keys: requests carry the cluster's edge key, as a child edge's do.
/// </summary>
public sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> stderr;

    private EdgeProcess(Process process, Uri address, string cacheDirectory)
    {
        this.process = process;
        Address = address;
        CacheDirectory = cacheDirectory;
        stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EdgeServer.EdgeKey);
    }

    public Uri Address { get; }

    public string CacheDirectory { get; }

    public int Pid => process.Id;

    /// <summary>A client with the edge key, as many connections as asked for.</summary>
    public HttpClient Http { get; }

    public static string HostDll { get; } = typeof(EdgeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MarqueeHost").Value!;

    /// <summary>Starts the edge with <c>--cache-size</c> <paramref name="cacheSize"/> and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<EdgeProcess> StartAsync(Uri upstream, string cacheSize)
    {
        var port = FreePort.Next();
        var cache = TestPaths.NewScratchFolder("edge-process");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostDll, "edge", "--id", "eu-1", "--region", "eu", "--origin", upstream.ToString(), "--port", port.ToString(CultureInfo.InvariantCulture), "--cache", cache, "--cache-size", cacheSize })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MARQUEE_EDGE_KEY"] = EdgeServer.EdgeKey;
        // The GC's youngest-generation budget follows the CPU's L3 cache: on a cloud Xeon reporting 260 MiB of L3 the
        // edge allocated ~90 MiB before its first collection, whatever its buffers. A fixed 32 MiB budget makes the
        // memory these tests measure the edge's own, the same on every machine.
        start.Environment["DOTNET_GCgen0size"] = "0x2000000";
        var edge = new EdgeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"), cache);
        await Eventually.TrueAsync(async () =>
        {
            if (edge.process.HasExited)
            {
                throw new InvalidOperationException($"marquee edge exited {edge.process.ExitCode}: {await edge.stderr}");
            }

            try
            {
                using var health = await edge.Http.GetAsync("/healthz");
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "marquee edge answers /healthz", TimeSpan.FromMinutes(5));
        return edge;
    }

    /// <summary>The process's resident memory (VmRSS), in bytes.</summary>
    public long ResidentBytes() => ReadResidentBytes(process.Id);

    internal static long ReadResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{pid}/status.");
    }

    /// <summary>A counter's value from <c>/metrics</c> (summed over its labels that contain <paramref name="labelFilter"/>).</summary>
    public async Task<double> MetricAsync(string name, string labelFilter = "")
    {
        var text = await Http.GetStringAsync("/metrics");
        var total = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && (line.Length > name.Length && line[name.Length] is ' ' or '{')
                && line.Contains(labelFilter, StringComparison.Ordinal))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            // Gigabytes, unlike other tests' scratch folders: do not leave them behind.
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
