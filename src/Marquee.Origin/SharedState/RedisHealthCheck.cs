using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Marquee.Origin.SharedState;

/// <summary>
/// Degraded, not unhealthy, when the configured Redis does not answer: the origin still serves everything (limits,
/// passkey states and catalog notices fall back to this origin), so a load balancer must keep sending it traffic.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy("not configured: this origin keeps shared state to itself");
        }

        if (redis.Database is not { } db)
        {
            return HealthCheckResult.Degraded("Redis is unreachable: rate limits and passkey states are counted by this origin alone, catalog changes arrive by polling");
        }

        try
        {
            var latency = await db.PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: " + e.Message);
        }
    }
}
