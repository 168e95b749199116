using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Marquee.Origin.Tests.Cli;
using Marquee.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Origin.Tests.Scale;

/// <summary>
/// <c>marquee up --scale</c> as a user runs it: the real CLI starting PostgreSQL, Redis, s3rver, two origins, a worker
/// and haproxy as processes on free ports, used through the load balancer, an origin killed under load, stopped with
/// Ctrl-C, started again on the same data directory and then killed outright.
/// </summary>
public sealed class UpScaleTests
{
    private const string Email = "scale@example.com";
    private const string Password = "a fine test passphrase";
    private const string OriginHeader = "X-Marquee-Origin";

    [Fact]
    public async Task The_scaled_out_service_balances_two_origins_rides_out_one_being_killed_stops_on_ctrl_c_starts_again_on_its_data_and_dies_with_its_parent()
    {
        var data = Path.Combine(TestPaths.NewScratchFolder("upscale"), "data");
        Directory.CreateDirectory(data);
        // The demo catalog would keep ffmpeg busy for minutes; other tests cover seeding, this one the processes.
        await File.WriteAllTextAsync(Path.Combine(data, "demo-seeded"), "skipped by the test");
        await File.WriteAllTextAsync(Path.Combine(data, "demo-series-seeded"), "skipped by the test");
        int[] ports = [FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next()];
        var balancer = new Uri($"http://127.0.0.1:{ports[0]}");

        await using (var run = await ScaleRun.StartAsync(data, ports))
        {
            Assert.Contains("postgresql://marquee:", run.Banner, StringComparison.Ordinal);
            Assert.Contains("redis://:", run.Banner, StringComparison.Ordinal);

            // A user made by another command on the same data directory lands in the same PostgreSQL.
            var added = await MarqueeCli.RunAsync(["user", "add", Email, "--data", data], input: Password);
            Assert.True(added.ExitCode == 0, added.Stderr);

            using var client = new HttpClient { BaseAddress = balancer };
            var token = await SignInAsync(client);
            var answeredBy = new HashSet<string>();
            for (var i = 0; i < 10; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                answeredBy.Add(response.Headers.GetValues(OriginHeader).Single());
            }

            Assert.Equal(["origin-1", "origin-2"], answeredBy.Order());

            // A real-time connection negotiates with one origin and must then connect to that same one (haproxy's
            // cookie): round robin alone would send every other connection to an origin that never heard of it.
            for (var i = 0; i < 4; i++)
            {
                await using var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(balancer, Marquee.Origin.Parties.PartyHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                await hub.StartAsync();
                Assert.Equal(i, (await hub.InvokeAsync<JsonElement>("Ping", (double)i)).GetProperty("clientSendMs").GetDouble());
            }

            // A viewer's address still reaches the region lookup through haproxy's X-Forwarded-For.
            using (var where = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions/me") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } })
            using (var answer = await client.SendAsync(where))
            {
                Assert.Equal("JP", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("country").GetString());
            }

            await KillOneOriginUnderLoadAsync(balancer, data);
        }

        AssertNothingLeft(data, ports);

        await using (var again = await ScaleRun.StartAsync(data, ports))
        {
            using var client = new HttpClient { BaseAddress = balancer };
            Assert.False(string.IsNullOrEmpty(await SignInAsync(client)));

            // Killed outright, up --scale cannot stop anything: the services must go by themselves (parent-death
            // signal, the parent watch, PostgreSQL's guard).
            await again.KillAsync();
            await Eventually.TrueAsync(() => Leftovers(data, ports).Count == 0, "every service of a killed up --scale has stopped", TimeSpan.FromMinutes(1));
        }
        // A PostgreSQL cluster is some 40 MB; the folder is named per run, so a failed delete only wastes space.
        Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_data_directory_the_postgres_user_cannot_enter_is_named_with_the_command_that_fixes_it()
    {
        var closed = Path.Combine(TestPaths.NewScratchFolder("upscale-closed"), "private");
        Directory.CreateDirectory(closed);
        // Mode 700, as /root is: only its owner (root) may enter it.
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, _, stderr) = await MarqueeCli.RunAsync(["up", "--scale", "--data", Path.Combine(closed, "data"), "--no-edges"]);

        Assert.Equal(1, code);
        Assert.Contains($"PostgreSQL runs as the user 'postgres', which cannot enter {closed}", stderr, StringComparison.Ordinal);
        Assert.Contains($"chmod o+x {closed}", stderr, StringComparison.Ordinal);
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Four clients loop GETs through haproxy; origin-2 is killed (SIGKILL, a crash). Requests that reach it before
    /// haproxy's health check takes it out (2 failed checks 1 s apart) are retried on origin-1; after that none may fail.
    /// </summary>
    private static async Task KillOneOriginUnderLoadAsync(Uri balancer, string data)
    {
        using var client = new HttpClient { BaseAddress = balancer };
        var failed = 0;
        var sent = 0;
        var markedDown = false;
        var failedAfterDown = 0;
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref sent);
                try
                {
                    using var response = await client.GetAsync("/api/v1/regions/me", CancellationToken.None);
                    if (response.IsSuccessStatusCode)
                    {
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                }

                Interlocked.Increment(ref failed);
                if (Volatile.Read(ref markedDown))
                {
                    Interlocked.Increment(ref failedAfterDown);
                }
            }
        })).ToList();

        await Task.Delay(500);
        var origin = FindProcesses(data).Single(p => p.CommandLine.Contains(" origin --data ", StringComparison.Ordinal));
        var killedAt = Stopwatch.StartNew();
        Process.GetProcessById(origin.Pid).Kill();
        var log = Path.Combine(data, "scale", "haproxy.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("origin-2 is DOWN", StringComparison.Ordinal), "haproxy marks origin-2 down", TimeSpan.FromSeconds(30));
        var downAfter = killedAt.Elapsed;
        var failedBeforeDown = Volatile.Read(ref failed);
        var sentBeforeDown = Volatile.Read(ref sent);
        Volatile.Write(ref markedDown, true);
        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"origin-2 killed under load: haproxy marked it down after {downAfter.TotalSeconds:F1} s; {failedBeforeDown} of {sentBeforeDown} requests failed until then, {failedAfterDown} of {sent - sentBeforeDown} after");
        Assert.Equal(0, failedAfterDown);
        // retry-on + redispatch send the GETs that hit the dead origin to the live one, so none fails in between either.
        Assert.Equal(0, failedBeforeDown);
    }

    /// <summary>No process of this data directory (by command line or working folder) and nothing on its ports.</summary>
    private static void AssertNothingLeft(string data, int[] ports) => Assert.Empty(Leftovers(data, ports));

    private static List<string> Leftovers(string data, int[] ports)
    {
        var left = FindProcesses(data).Select(p => $"{p.Pid}: {p.CommandLine}").ToList();
        foreach (var port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                left.Add($"something listens on port {port}");
            }
            catch (SocketException)
            {
                // Refused: nothing there.
            }
        }

        return left;
    }

    /// <summary>
    /// Processes whose command line names the data directory or that run inside it (redis-server rewrites its command
    /// line to its address but works in its data folder).
    /// </summary>
    private static List<(int Pid, string CommandLine)> FindProcesses(string data)
    {
        var found = new List<(int, string)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim();
                var workingFolder = new DirectoryInfo(Path.Combine(folder, "cwd")).ResolveLinkTarget(false)?.FullName ?? "";
                if (commandLine.Contains(data, StringComparison.Ordinal) || workingFolder.StartsWith(data, StringComparison.Ordinal))
                {
                    found.Add((pid, commandLine));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>One <c>marquee up --scale</c>: started, waited for, stopped with SIGINT as Ctrl-C would.</summary>
    private sealed class ScaleRun : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private bool killed;

        private ScaleRun(Process process)
        {
            this.process = process;
        }

        public string Banner { get; private set; } = "";

        public static async Task<ScaleRun> StartAsync(string data, int[] ports)
        {
            // env execs dotnet with SIGINT's default restored: a test runner started in the background by a shell
            // passes SIGINT down as ignored, and .NET leaves an ignored SIGINT ignored, so Ctrl-C could not be tried.
            var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--default-signal=INT", "dotnet", MarqueeCli.HostDll, "up", "--scale", "--data", data, "--no-edges", "--scale-ports", string.Join(',', ports) })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["MARQUEE_S3RVER"] = Path.Combine(TestPaths.NodeTools, "node_modules", "s3rver", "bin", "s3rver.js");
            var process = Process.Start(start)!;
            var run = new ScaleRun(process);
            process.OutputDataReceived += (_, e) => run.Append(e.Data);
            process.ErrorDataReceived += (_, e) => run.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await Eventually.TrueAsync(() => process.HasExited || run.Output.Contains("Press Ctrl-C to stop everything.", StringComparison.Ordinal), "up --scale is running", TimeSpan.FromMinutes(4));
                Assert.False(process.HasExited, run.Output);
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }

            run.Banner = run.Output;
            return run;
        }

        private string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        /// <summary>SIGKILL to the CLI alone, as an out-of-memory killer or <c>kill -9</c> would.</summary>
        public async Task KillAsync()
        {
            killed = true;
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (killed)
            {
                process.Dispose();
                return;
            }

            if (!process.HasExited)
            {
                using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, Output);
            process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }
}
