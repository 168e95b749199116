using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.SharedState;

/// <summary>Partitions for ASP.NET Core's rate limiter that count in Redis when one is configured (see <see cref="SharedWindowLimiter"/>).</summary>
public static class SharedLimits
{
    /// <param name="policy">Names the limit in Redis's keys, so two policies with the same partition key never share a count.</param>
    /// <param name="local">This origin's own limiter: the whole limit without Redis, the fallback while Redis is unreachable.</param>
    public static RateLimitPartition<string> Partition(HttpContext context, string policy, string key, int limit, TimeSpan window, Func<RateLimiter> local)
    {
        var redis = context.RequestServices.GetRequiredService<RedisConnection>();
        if (!redis.IsConfigured)
        {
            return RateLimitPartition.Get(key, _ => local());
        }

        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(key, k => new SharedWindowLimiter(redis, policy + ":" + k, limit, window, local(), clock));
    }

    /// <summary>The client's address as the limits key it (after forwarded headers from trusted proxies).</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
