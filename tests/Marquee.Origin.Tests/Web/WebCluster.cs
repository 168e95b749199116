using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marquee.Origin.Tests.Cli;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// The real local cluster, as a user starts it: <c>marquee up</c> (the origin with the web app and the demo catalog,
/// four edge processes), on free ports, with an administrator and a viewer made through <c>marquee user add</c>,
/// and a 90-second clip with English subtitles ingested through <c>marquee ingest</c> for the failover test.
/// </summary>
public sealed class WebCluster : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string AdminEmail = "admin@example.com";
    public const string LongClipTitle = "Long Haul";

    private readonly StringBuilder output = new();
    private Process? up;
    private Task<string>? longClip;

    public string DataPath { get; } = TestPaths.NewScratchFolder("web-cluster");

    public Uri Base { get; private set; } = null!;

    public IReadOnlyList<int> EdgePorts { get; private set; } = [];

    public HttpClient Admin { get; private set; } = null!;

    public string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        var ports = new HashSet<int>();
        while (ports.Count < 4)
        {
            var candidate = FreePort.Next();
            if (candidate != port)
            {
                ports.Add(candidate);
            }
        }

        EdgePorts = [.. ports];
        // localhost, not 127.0.0.1: a page there is a secure context, as browsers require for passkeys.
        Base = new Uri($"http://localhost:{port}");
        up = MarqueeCli.Start(
            ["up", "--data", DataPath, "--urls", Base.ToString().TrimEnd('/'), "--edge-ports", string.Join(',', EdgePorts)],
            new Dictionary<string, string>
            {
                ["MARQUEE_Logging__LogLevel__Default"] = "Warning",
                // Every browser of these tests comes from the same loopback address, which the per-address limit on
                // sign-in and profile selection is not meant for; the limits themselves are tested elsewhere.
                ["MARQUEE_Accounts__AuthRequestsPerMinute"] = "1000",
                // The same for comments: the community script's new accounts write more than two a minute, and the
                // comment limits are tested over HTTP in the community tests.
                ["MARQUEE_Community__NewAccountCommentsPerMinute"] = "60",
                ["MARQUEE_Community__CommentsPerMinutePerAddress"] = "1000",
                // The community test waits for taste matching to see its two viewers' thumbs: every 2 s, not every 30 s.
                ["MARQUEE_Community__MatchRefreshSeconds"] = "2",
                // The discovery test waits for the model to follow its plays and thumbs: every 2 s here, not every 30 s.
                ["MARQUEE_Discovery__RefreshSeconds"] = "2",
            });
        up.StandardInput.Close();
        _ = PumpAsync(up.StandardOutput);
        _ = PumpAsync(up.StandardError);

        using var probe = new HttpClient { BaseAddress = Base };
        await Eventually.TrueAsync(async () =>
        {
            if (up.HasExited)
            {
                throw new InvalidOperationException($"marquee up exited {up.ExitCode}:\n{Output}");
            }

            try
            {
                return (await probe.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the origin answers", TimeSpan.FromMinutes(2));

        await AddUserAsync(AdminEmail, "premium", admin: true);
        Admin = await SignInAsync(AdminEmail);
        await Eventually.TrueAsync(async () =>
        {
            var edges = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
            return edges.EnumerateArray().Count(e => e.GetProperty("live").GetBoolean()) == 4;
        }, "the four edges register", TimeSpan.FromMinutes(1));

        var clip = await Clips.GetAsync(new ClipSpec(Width: 320, Height: 180, Fps: 25, Seconds: 90));
        var subtitles = Path.Combine(DataPath, "long-haul.en.vtt");
        static string At(int seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(subtitles, "WEBVTT\n\n" + string.Concat(Enumerable.Range(0, 9).Select(i =>
            $"{At(i * 10)} --> {At((i * 10) + 9)}\nLine {i + 1} of the long haul.\n\n")));
        longClip = IngestAsync(clip, LongClipTitle, subtitles + ":en");
    }

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

    /// <summary>Waits until a title of that name is ready to play, and returns its id.</summary>
    public async Task<string> ReadyTitleAsync(string name)
    {
        if (name == LongClipTitle)
        {
            return await longClip!;
        }

        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            var page = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/titles?limit=100");
            foreach (var title in page.GetProperty("items").EnumerateArray())
            {
                if (title.GetProperty("title").GetString() == name)
                {
                    if (title.GetProperty("status").GetString() == "failed")
                    {
                        throw new InvalidOperationException($"{name} failed to transcode: {title}");
                    }

                    id = title.GetProperty("status").GetString() == "ready" ? title.GetProperty("id").GetString() : null;
                }
            }

            return id is not null;
        }, $"{name} is ready", TimeSpan.FromMinutes(10));
        return id!;
    }

    /// <summary>Waits until every episode of a series is ready, and returns the series' id.</summary>
    public async Task<string> ReadySeriesAsync(string name)
    {
        var id = await ReadyTitleAsync(name);
        await Eventually.TrueAsync(async () =>
        {
            var series = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/titles/{id}");
            var episodes = series.GetProperty("seasons").EnumerateArray().SelectMany(s => s.GetProperty("episodes").EnumerateArray()).ToList();
            return episodes.Count > 1 && episodes.All(e => e.GetProperty("media").GetProperty("status").GetString() == "ready");
        }, $"every episode of {name} is ready", TimeSpan.FromMinutes(10));
        return id;
    }

    /// <summary>Each edge's port and the id of its process, found among the processes on this machine.</summary>
    public IReadOnlyDictionary<int, int> EdgeProcesses()
    {
        var found = new Dictionary<int, int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var portAt = Array.IndexOf(args, "--port");
            if (args.Contains("edge") && args.Contains(DataPath + "/edges/" + args.ElementAtOrDefault(Array.IndexOf(args, "--id") + 1))
                && portAt >= 0 && int.TryParse(args.ElementAtOrDefault(portAt + 1), CultureInfo.InvariantCulture, out var port))
            {
                found[port] = pid;
            }
        }

        return found;
    }

    /// <summary>
    /// Heartbeats as an edge would, every second until cancelled: for an edge whose state the test decides (it need
    /// not run; nothing should be steered to it for long). Degraded when <paramref name="degradedReasons"/> is given.
    /// </summary>
    public async Task HeartbeatAsync(string id, string region, string baseUrl, string[]? degradedReasons, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Base };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(DataPath, "edge-key"), cancellationToken)).Trim());
        var beat = new Marquee.Edge.ControlPlane.EdgeHeartbeat(id, region, baseUrl, true, 0.1, 0, 0, 0, 0, 0, 1, degradedReasons is not null, degradedReasons);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/v1/edges/heartbeat", beat, JsonSerializerOptions.Web, cancellationToken);
                response.EnsureSuccessStatusCode();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async Task<HttpClient> SignInAsync(string email)
    {
        using var anonymous = new HttpClient { BaseAddress = Base };
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = new HttpClient { BaseAddress = Base };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (up is { HasExited: false })
        {
            up.Kill(entireProcessTree: true);
            await up.WaitForExitAsync();
        }

        up?.Dispose();
    }

    public async Task AddUserAsync(string email, string plan, bool admin)
    {
        List<string> args = ["user", "add", email, "--plan", plan, "--data", DataPath];
        if (admin)
        {
            args.Add("--admin");
        }

        using var process = MarqueeCli.Start(args);
        await process.StandardInput.WriteLineAsync(Password);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"user add {email}: {await stderr}");
    }

    private async Task<string> IngestAsync(string file, string title, string subtitles)
    {
        // --wait returns once the title plays; the demo catalog is queued first, so this can take minutes.
        using var process = MarqueeCli.Start(["ingest", file, "--title", title, "--free", "--subtitles", subtitles, "--wait", "--data", DataPath]);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"ingest {title}: {await stderr}");
        return (await stdout).Split('\n')[0].Trim();
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
