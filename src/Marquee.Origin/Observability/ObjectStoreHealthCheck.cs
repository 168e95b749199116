using Marquee.Media.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marquee.Origin.Observability;

/// <summary>The object store answers a metadata request (a missing key is a healthy answer).</summary>
internal sealed class ObjectStoreHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.HeadAsync("health/probe", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The object store did not answer: " + e.GetType().Name);
        }
    }
}
