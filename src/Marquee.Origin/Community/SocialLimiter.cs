using System.Threading.RateLimiting;
using Marquee.Origin.SharedState;

namespace Marquee.Origin.Community;

/// <summary>
/// Per-minute limits on what costs moderators time: comments per account (stricter for new accounts) and per client
/// address, and other actions (reports, reactions, follows, blocks) per account. Counted in Redis when one is
/// configured, so every origin spends one budget; on this origin alone otherwise or while Redis is down.
/// Not ASP.NET Core's middleware limiter: the limit depends on the account's age, known only inside the endpoint.
/// </summary>
public sealed class SocialLimiter : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<(string Key, int Limit)> limiter;

    public SocialLimiter(RedisConnection redis, TimeProvider clock)
    {
        static RateLimiter Local(int limit) => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Minute, QueueLimit = 0 });
        limiter = PartitionedRateLimiter.Create<(string Key, int Limit), string>(r => redis.IsConfigured
            ? RateLimitPartition.Get(r.Key, k => new SharedWindowLimiter(redis, "social:" + k, r.Limit, Minute, Local(r.Limit), clock))
            : RateLimitPartition.Get(r.Key, _ => Local(r.Limit)));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    /// <param name="key">What is counted, e.g. "comment:{account}" or "comment-address:{ip}"; the limit belongs to the key.</param>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string key, int limit)
    {
        using var lease = await limiter.AcquireAsync((key, limit));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Minute;
    }

    public void Dispose() => limiter.Dispose();
}
