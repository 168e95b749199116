using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>
/// Starts <c>marquee origin</c> processes (the Release build of src/Marquee.Cli) with settings as MARQUEE_
/// environment variables, the way an operator's service file would give them, and waits until /healthz answers.
/// </summary>
internal static class Origins
{
    /// <summary>Settings every origin of every bench gets: no transcoding workers, no sign-in or search rate limits in the way, quiet logs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["Ingest:Workers"] = "0",
        ["Accounts:AuthRequestsPerMinute"] = "10000",
        ["Accounts:AccountRequestsPerHour"] = "100000",
        ["Accounts:AccessTokenLifetime"] = "01:00:00",
        ["Search:RequestsPerMinute"] = "1000000",
        ["Steering:EdgeKey"] = "bench-edge-key-0123456789abcdef0123456789abcdef",
        ["Playback:Key"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Uploads:AdminKey"] = "bench-admin-key-0123456789",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static string CliDll(string repository) => Path.Combine(repository, "src", "Marquee.Cli", "bin", "Release", "net10.0", "marquee.dll");

    public static async Task<(Daemon Process, Uri Address)> StartAsync(
        string name, string repository, string dataDir, IReadOnlyDictionary<string, string> settings, string logFolder, CancellationToken cancellationToken, bool perfMap = false, int minThreads = 0)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        if (minThreads > 0)
        {
            // The runtime reads this knob as hexadecimal. For telling thread-pool starvation from other stalls.
            environment["DOTNET_ThreadPool_ForceMinWorkerThreads"] = minThreads.ToString("x", CultureInfo.InvariantCulture);
        }

        if (perfMap)
        {
            // For perf: JIT code's symbols in /tmp/perf-PID.map, and W^X off so that code is not in an anonymous double mapping.
            environment["DOTNET_PerfMapEnabled"] = "1";
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        foreach (var (key, value) in Common.Concat(settings))
        {
            environment["MARQUEE_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var daemon = Daemon.Start(name, "dotnet", [CliDll(repository), "origin", "--data", dataDir, "--urls", address.AbsoluteUri.TrimEnd('/')],
            Path.Combine(logFolder, name + ".log"), environment);
        await WaitHealthyAsync(daemon, address, cancellationToken);
        return (daemon, address);
    }

    public static async Task WaitHealthyAsync(Daemon daemon, Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (daemon.HasExited)
            {
                throw new InvalidOperationException($"{daemon.Name} exited while starting; see its log in out/");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(address, "healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while it loads.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{daemon.Name} did not answer /healthz at {address} within 3 minutes");
    }
}
