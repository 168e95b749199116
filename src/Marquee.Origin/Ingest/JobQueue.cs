using Microsoft.EntityFrameworkCore;
using Marquee.Origin.Data;

namespace Marquee.Origin.Ingest;

/// <summary>
/// The durable queue over the <c>transcode_jobs</c> table. Claims are optimistic: a worker picks a candidate and
/// takes it with a conditional update, so two workers (threads, processes or machines) never both win a job.
/// </summary>
public sealed class JobQueue(MarqueeDbContext db, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Takes the oldest queued job, or a running one whose lease has expired; null when there is none.</summary>
    public async Task<TranscodeJob?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 5; round++)
        {
            var now = Now;
            var candidate = await db.Jobs.AsNoTracking()
                .Where(j => j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAtMs < now))
                .OrderBy(j => j.CreatedAtMs)
                .Select(j => new { j.Id, j.State, j.LeaseOwner, j.Attempts })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            var taken = await db.Jobs
                .Where(j => j.Id == candidate.Id && j.State == candidate.State && j.LeaseOwner == candidate.LeaseOwner && j.Attempts == candidate.Attempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresAtMs, now + (long)lease.TotalMilliseconds)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.UpdatedAtMs, now), cancellationToken);
            if (taken == 1)
            {
                return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == candidate.Id, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>Extends the lease and records progress; false when the job is no longer this worker's.</summary>
    public async Task<bool> RenewAsync(string jobId, string owner, TimeSpan lease, double progress, double speed, CancellationToken cancellationToken)
    {
        var now = Now;
        return await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LeaseExpiresAtMs, now + (long)lease.TotalMilliseconds)
                .SetProperty(j => j.Progress, progress)
                .SetProperty(j => j.Speed, speed)
                .SetProperty(j => j.UpdatedAtMs, now), cancellationToken) == 1;
    }

    /// <summary>Marks the job done; false when another worker took it meanwhile.</summary>
    public async Task<bool> CompleteAsync(string jobId, string owner, CancellationToken cancellationToken)
    {
        var now = Now;
        return await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Succeeded)
                .SetProperty(j => j.Progress, 100)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.UpdatedAtMs, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Records a failure. With <paramref name="retry"/> the job goes back to the queue (the attempt is counted);
    /// without, or once attempts are used up, it is failed for good. Returns the state it ended in.
    /// </summary>
    public async Task<JobState?> FailAsync(string jobId, string owner, string error, bool retry, int maxAttempts, CancellationToken cancellationToken)
    {
        var now = Now;
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.LeaseOwner != owner || job.State != JobState.Running)
        {
            return null;
        }

        var state = retry && job.Attempts < maxAttempts ? JobState.Queued : JobState.Failed;
        var message = error.Length > 1000 ? error[..1000] : error;
        var updated = await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAtMs, 0)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.UpdatedAtMs, now), cancellationToken);
        return updated == 1 ? state : null;
    }
}
