using System.Diagnostics;
using System.Text.Json;
using Marquee.Media.Transcoding;
using Marquee.Media.Pipeline;
using Marquee.Media.Probing;
using Marquee.Media.Storage;
using Marquee.Media.Subtitles;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Runs one claimed job: inspect the staged source again, transcode the whole ladder into a private work folder
/// while renewing the lease, copy the package under a new version prefix, then publish by committing the asset
/// row. A worker that dies at any step leaves either the previous state or an unpublished prefix, never a
/// half-published title.
/// </summary>
public sealed partial class JobRunner(
    MarqueeDbContext db,
    JobQueue queue,
    DataDirectory data,
    InputInspector inspector,
    TranscodePipeline pipeline,
    IObjectStore store,
    PublishedVersions published,
    OriginMetrics metrics,
    IOptions<IngestOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    public async Task RunAsync(TranscodeJob job, string owner, CancellationToken stopping)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        if (job.Attempts > settings.MaxAttempts)
        {
            await FinishFailedAsync(job, owner, $"Gave up after {settings.MaxAttempts} attempts. Last error: {job.Error ?? "the worker stopped without a report"}", retry: false, stopping);
            return;
        }

        LogStarted(job.Id, job.AssetId, job.Attempts);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = new LatestProgress();
        var renewal = RenewWhileRunningAsync(job.Id, owner, lease, progress, lost);
        var work = Path.Combine(data.Work, job.Id);
        var clock = Stopwatch.StartNew();
        metrics.JobsRunning.Add(1);
        try
        {
            var source = await inspector.InspectAsync(job.SourcePath, lost.Token);
            var subtitles = JsonSerializer.Deserialize<List<StagedSubtitle>>(job.Subtitles) ?? [];
            Directory.CreateDirectory(work);
            var package = await pipeline.RunAsync(job.SourcePath, source,
                subtitles.Select(s => new SubtitleSource(s.Path, s.Language, s.Name)).ToList(), work, progress, lost.Token);

            var asset = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == job.AssetId, lost.Token);
            var version = asset.PublishedVersion + 1;
            var prefix = PackagePublisher.Prefix(job.AssetId, version);
            await store.DeletePrefixAsync(prefix, lost.Token);
            await new PackagePublisher(store).PublishAsync(package.Folder, prefix, lost.Token);
            await PublishAsync(job, owner, package, version, lost.Token);
            metrics.TranscodeDuration.Record(clock.Elapsed.TotalSeconds);
            metrics.JobsFinished.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
            LogPublished(job.AssetId, version, clock.Elapsed.TotalSeconds);
            StagedFiles.Delete(job.SourcePath, subtitles);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker (or this one after a restart) resumes the job.
            LogInterrupted(job.Id);
        }
        catch (OperationCanceledException)
        {
            LogLeaseLost(job.Id);
        }
        catch (InputRefusedException e)
        {
            await FinishFailedAsync(job, owner, e.Reason.Detail, retry: false, stopping);
        }
        catch (TranscodeFailedException e)
        {
            await FinishFailedAsync(job, owner, e.Message, retry: false, stopping);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or DbUpdateException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            LogFailedAttempt(e, job.Id, job.Attempts);
            // The reason is shown through the API: keep the server's folder layout out of it.
            await FinishFailedAsync(job, owner, e.Message.Replace(data.Root, "{data}", StringComparison.Ordinal), retry: true, stopping);
        }
        finally
        {
            metrics.JobsRunning.Add(-1);
            await lost.CancelAsync();
            await renewal;
            TryDelete(work);
        }
    }

    private async Task PublishAsync(TranscodeJob job, string owner, PackageResult package, int version, CancellationToken cancellationToken)
    {
        var renditions = JsonSerializer.Serialize(package.Renditions.Select(r => new
        {
            width = r.Width,
            height = r.Height,
            bandwidth = r.Stats.PeakBitsPerSecond,
            averageBandwidth = r.Stats.AverageBitsPerSecond,
            codecs = r.Codecs,
        }));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await queue.CompleteAsync(job.Id, owner, cancellationToken))
        {
            throw new OperationCanceledException("The job's lease passed to another worker before publication.");
        }

        await db.Assets.Where(a => a.Id == job.AssetId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, AssetStatus.Ready)
            .SetProperty(a => a.PublishedVersion, version)
            .SetProperty(a => a.DurationSeconds, package.Duration.TotalSeconds)
            .SetProperty(a => a.Renditions, renditions)
            .SetProperty(a => a.HasAudio, package.Ladder.HasAudio)
            .SetProperty(a => a.HasPreview, package.HasPreview)
            .SetProperty(a => a.Subtitles, string.Join(',', package.Subtitles.Select(t => t.Language)))
            .SetProperty(a => a.Error, (string?)null)
            .SetProperty(a => a.UpdatedAtMs, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        published.Set(job.AssetId, version);
    }

    private async Task FinishFailedAsync(TranscodeJob job, string owner, string error, bool retry, CancellationToken cancellationToken)
    {
        var state = await queue.FailAsync(job.Id, owner, error, retry, options.Value.MaxAttempts, cancellationToken);
        if (state != JobState.Failed)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.Assets.Where(a => a.Id == job.AssetId && a.Status != AssetStatus.Ready).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, AssetStatus.Failed)
            .SetProperty(a => a.Error, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(a => a.UpdatedAtMs, now), cancellationToken);
        metrics.JobsFinished.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        LogFailed(job.Id, error);
        StagedFiles.Delete(job.SourcePath, JsonSerializer.Deserialize<List<StagedSubtitle>>(job.Subtitles) ?? []);
    }

    /// <summary>
    /// Renews the lease with the latest progress; cancels the job if it is lost. It runs beside the job, so it uses
    /// a database context of its own (a context serves one operation at a time).
    /// </summary>
    private async Task RenewWhileRunningAsync(string jobId, string owner, TimeSpan lease, LatestProgress progress, CancellationTokenSource lost)
    {
        await using var renewalScope = scopes.CreateAsyncScope();
        var renewals = renewalScope.ServiceProvider.GetRequiredService<JobQueue>();
        // Progress is written as often as the lease is renewed: every 2 s, or a third of a shorter lease.
        using var scope = new PeriodicTimer(TimeSpan.FromTicks(Math.Min((lease / 3).Ticks, TimeSpan.FromSeconds(2).Ticks)), time);
        try
        {
            while (await scope.WaitForNextTickAsync(lost.Token))
            {
                var current = progress.Value;
                try
                {
                    if (!await renewals.RenewAsync(jobId, owner, lease, current.Percent, current.Speed, lost.Token))
                    {
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy or briefly unreachable database: try again on the next tick, before the lease runs out.
                    LogRenewalFailed(e, jobId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished or the host is stopping.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private sealed class LatestProgress : IProgress<EncodeProgress>
    {
        private EncodeProgress value;

        public EncodeProgress Value => value;

        public void Report(EncodeProgress update) => value = update;
    }

    [LoggerMessage(LogLevel.Warning, "Could not renew the lease of job {JobId}")]
    private partial void LogRenewalFailed(Exception e, string jobId);

    [LoggerMessage(LogLevel.Information, "Transcoding job {JobId} (asset {AssetId}), attempt {Attempt}")]
    private partial void LogStarted(string jobId, string assetId, int attempt);

    [LoggerMessage(LogLevel.Information, "Published asset {AssetId} version {Version} after {Seconds:0.0} s")]
    private partial void LogPublished(string assetId, int version, double seconds);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} interrupted by shutdown; it resumes when its lease expires")]
    private partial void LogInterrupted(string jobId);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} lost its lease to another worker; stopped")]
    private partial void LogLeaseLost(string jobId);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} attempt {Attempt} failed")]
    private partial void LogFailedAttempt(Exception e, string jobId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} failed: {Error}")]
    private partial void LogFailed(string jobId, string error);
}
