using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marquee.Edge.Caching;

/// <summary>
/// Healthy when a file can be written in the cache directory. When it cannot, or cache writes are failing,
/// the edge still serves (fills pass through), so it reports Degraded, which is still a 200 for load
/// balancers, with the reason for operators.
/// </summary>
internal sealed class CacheHealthCheck(DiskTier disk) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(disk.TempDirectory, "health-" + Guid.NewGuid().ToString("N") + ".probe");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Degraded("The cache directory is not writable; serving pass-through: " + e.Message);
        }

        return disk.IsFailing
            ? HealthCheckResult.Degraded("Cache writes are failing (disk full?); serving pass-through.")
            : HealthCheckResult.Healthy();
    }
}
