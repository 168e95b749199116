using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Marquee.Origin.SharedState;

/// <summary>
/// A fixed-window limit counted in Redis, so every origin behind a load balancer spends one budget: N requests per
/// window for a key, whichever origin they reach. While Redis is unreachable the same limit is kept by this origin
/// alone (<paramref name="local"/>), which is weaker by the number of origins but never fails a request.
/// Written here because ASP.NET Core's limiters are per process and the packages that put them on Redis fail the
/// request when Redis is down.
/// </summary>
public sealed class SharedWindowLimiter(RedisConnection redis, string key, int limit, TimeSpan window, RateLimiter local, TimeProvider clock) : RateLimiter
{
    /// <summary>Counts only permits that fit, so refused attempts do not push the window's count further.</summary>
    private const string Script = """
        local n = tonumber(redis.call('GET', KEYS[1]) or '0')
        local permits = tonumber(ARGV[1])
        if n + permits > tonumber(ARGV[2]) then return -1 end
        n = redis.call('INCRBY', KEYS[1], permits)
        if n == permits then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return n
        """;

    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0 || redis.Database is not { } db)
        {
            return local.AttemptAcquire(permitCount);
        }

        var (windowKey, remaining) = Window();
        try
        {
            return Lease((long)db.ScriptEvaluate(Script, [windowKey], Arguments(permitCount)), remaining);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return local.AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0 || redis.Database is not { } db)
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }

        var (windowKey, remaining) = Window();
        try
        {
            return Lease((long)await db.ScriptEvaluateAsync(Script, [windowKey], Arguments(permitCount)), remaining);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await local.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private RedisValue[] Arguments(int permitCount) => [permitCount, limit, (long)window.TotalMilliseconds * 2];

    /// <summary>The key of the window now running (windows are aligned to the epoch, so every origin agrees) and the time left in it.</summary>
    private (RedisKey Key, TimeSpan Remaining) Window()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var length = (long)window.TotalMilliseconds;
        var index = now / length;
        return ($"limit:{key}:{index}", TimeSpan.FromMilliseconds(((index + 1) * length) - now));
    }

    private static RateLimitLease Lease(long count, TimeSpan remaining) => count < 0 ? new Refused(remaining) : Granted.Instance;

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
