using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Marquee.Origin.Tests.Cli;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Tests.Ingest;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_job_whose_worker_is_killed_mid_transcode_is_resumed_by_another_worker_after_its_lease()
    {
        var data = TestPaths.NewScratchFolder("crash");
        await TestDatabase.PrepareAsync(data);
        var clip = await Clips.GetAsync(new ClipSpec(Width: 1280, Height: 720, Fps: 30, Seconds: 30));
        var environment = new Dictionary<string, string> { ["MARQUEE_Ingest__LeaseSeconds"] = "3", ["MARQUEE_Ffmpeg__Preset"] = "medium" };

        using (var doomed = MarqueeCli.Start(["ingest", clip, "--title", "Survivor", "--wait", "--data", data], environment))
        {
            using var killOnFailure = new KillOnDispose(doomed);
            await Eventually.TrueAsync(async () => (await JobAsync(data))?.State == JobState.Running, "the job runs", TimeSpan.FromMinutes(1));
            await Eventually.TrueAsync(async () => (await JobAsync(data))?.Progress > 0, "the job reports progress", TimeSpan.FromMinutes(1));
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        var crashed = await JobAsync(data);
        Assert.Equal(JobState.Running, crashed!.State);
        Assert.Equal(1, crashed.Attempts);

        await using var origin = await OriginServer.StartAsync(data, "--Ffmpeg:Preset", "ultrafast");
        var title = await origin.WaitForTitleAsync(await TitleIdAsync(data));

        var finished = await JobAsync(data);
        Assert.Equal(JobState.Succeeded, finished!.State);
        Assert.Equal(2, finished.Attempts);
        Assert.EndsWith("/v1/master.m3u8", title.GetProperty("hls").GetString(), StringComparison.Ordinal);
        using var edge = origin.EdgeHttp();
        using var master = await edge.GetAsync(title.GetProperty("hls").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, master.StatusCode);
    }

    [Fact]
    public async Task A_job_that_keeps_failing_ends_failed_with_its_reason()
    {
        await using var origin = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Ingest:MaxAttempts", "2");
        var id = await origin.IngestAsync(await Clips.GetAsync(new ClipSpec(Seconds: 4)), "Doomed");
        // The staged source vanishes (disk trouble): every attempt fails the same way.
        foreach (var staged in Directory.GetFiles(Path.Combine(origin.DataPath, "staging")))
        {
            File.Delete(staged);
        }

        await using var worker = await OriginServer.StartAsync(origin.DataPath, "--Ingest:MaxAttempts", "2", "--Ingest:WatchEnabled", "false");
        var title = await worker.WaitForTitleAsync(id, until: "failed");

        Assert.Contains("Could not find file", title.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(origin.DataPath, title.GetProperty("error").GetString(), StringComparison.Ordinal);
        var job = await JobAsync(origin.DataPath);
        Assert.Equal(JobState.Failed, job!.State);
        Assert.Equal(2, job.Attempts);
    }

    private static async Task<TranscodeJob?> JobAsync(string data)
    {
        try
        {
            await using var db = Open(data);
            return await db.Jobs.AsNoTracking().SingleOrDefaultAsync();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
        {
            // The CLI has not created the database (or its tables) yet.
            return null;
        }
    }

    private static async Task<string> TitleIdAsync(string data)
    {
        await using var db = Open(data);
        return (await db.Titles.SingleAsync()).Id;
    }

    private sealed class KillOnDispose(System.Diagnostics.Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static MarqueeDbContext Open(string data) => TestDatabase.Open(data);
}
