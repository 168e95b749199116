using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Marquee.Origin.Tests.Cli;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Tests.Ingest;

/// <summary>
/// Two real <c>marquee worker</c> processes on one PostgreSQL queue (and one data directory, where staged sources
/// live), beside an origin without workers: the one that took the job is killed mid-transcode, and the other takes
/// the job over once the lease (3 s here, 60 s by default) runs out. Runs on PostgreSQL in both passes of the suite.
/// </summary>
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task A_worker_killed_mid_transcode_leaves_the_job_to_the_other_worker_and_nothing_half_published()
    {
        var postgres = await TestDatabase.ServerAsync();
        var name = "workers_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        var data = TestPaths.NewScratchFolder("two-workers");
        await File.WriteAllTextAsync(new DataDirectory(data).Settings,
            JsonSerializer.Serialize(new { Database = new { Provider = "postgres", ConnectionString = TestDatabase.ConnectionString(postgres, name) } }));
        await using var origin = await OriginServer.StartAsync(data, "--Ingest:Workers", "0", "--Ingest:WatchEnabled", "false");
        var clip = await Clips.GetAsync(new ClipSpec(Width: 1280, Height: 720, Fps: 30, Seconds: 30));
        var titleId = await origin.IngestAsync(clip, "Handed Over");
        var environment = new Dictionary<string, string>
        {
            ["MARQUEE_Ingest__LeaseSeconds"] = "3",
            ["MARQUEE_Ingest__PollInterval"] = "00:00:00.200",
            ["MARQUEE_Ingest__WatchEnabled"] = "false",
        };

        // The first worker transcodes slowly, so that it is surely killed in the middle; the second one is quick.
        using var first = MarqueeCli.Start(["worker", "--data", data], new Dictionary<string, string>(environment) { ["MARQUEE_Ffmpeg__Preset"] = "medium" });
        using var killFirst = new KillOnDispose(first);
        var firstLog = Drain(first.StandardError);
        await Eventually.TrueAsync(async () => (await JobAsync(data))?.Progress > 0, "the first worker transcodes", TimeSpan.FromMinutes(2));
        var claimed = (await JobAsync(data))!;
        Assert.Contains($"/{first.Id}/", claimed.LeaseOwner, StringComparison.Ordinal);

        using var second = MarqueeCli.Start(["worker", "--data", data], new Dictionary<string, string>(environment) { ["MARQUEE_Ffmpeg__Preset"] = "ultrafast" });
        using var killSecond = new KillOnDispose(second);
        var secondLog = Drain(second.StandardError);
        Assert.StartsWith("Marquee worker on", await second.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);
        _ = Drain(second.StandardOutput);

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var orphaned = (await JobAsync(data))!;
        Assert.Equal(JobState.Running, orphaned.State);
        Assert.Equal(1, orphaned.Attempts);
        var assetId = orphaned.AssetId;
        Assert.Equal("processing", (await origin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{titleId}")).GetProperty("status").GetString());

        var title = await origin.WaitForTitleAsync(titleId);
        TestContext.Current.TestOutputHelper?.WriteLine($"first worker:\n{firstLog}\nsecond worker:\n{secondLog}");

        var finished = (await JobAsync(data))!;
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal(2, finished.Attempts);
        Assert.False(second.HasExited, "the second worker keeps running");
        Assert.Equal($"/media/{assetId}/v1/master.m3u8", title.GetProperty("hls").GetString());

        // One version, whole: every object of the asset is under v1, and every segment the playlists name is served.
        var objects = Path.Combine(new DataDirectory(data).Objects, "media", assetId);
        Assert.Equal(["v1"], Directory.GetDirectories(objects).Select(Path.GetFileName));
        using var edge = origin.EdgeHttp();
        var prefix = $"/media/{assetId}/v1/";
        var master = await edge.GetStringAsync(prefix + "master.m3u8");
        foreach (var variant in master.Split('\n').Where(l => l.EndsWith(".m3u8", StringComparison.Ordinal)))
        {
            var playlist = await edge.GetStringAsync(prefix + variant.Trim());
            foreach (var segment in playlist.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                using var response = await edge.GetAsync(prefix + segment.Trim(), HttpCompletionOption.ResponseHeadersRead);
                Assert.True(response.IsSuccessStatusCode, $"{segment} answered {response.StatusCode}");
            }
        }
    }

    /// <summary>Reads a worker's output as it comes, so that a full pipe never stops it; the text is for a failure's message.</summary>
    private static StringBuilder Drain(StreamReader output)
    {
        var text = new StringBuilder();
        _ = Task.Run(async () =>
        {
            while (await output.ReadLineAsync() is { } line)
            {
                lock (text)
                {
                    text.AppendLine(line);
                }
            }
        });
        return text;
    }

    private static async Task<TranscodeJob?> JobAsync(string data)
    {
        await using var db = TestDatabase.Open(data);
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync();
    }

    private sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }
}
