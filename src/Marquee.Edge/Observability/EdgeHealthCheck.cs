using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marquee.Edge.Observability;

/// <summary>
/// <c>/healthz</c>: the same judgement the heartbeat carries. Degraded is still a 200 for load balancers, since
/// the edge still serves; the body is the status on its first line (<c>Healthy</c>, <c>Degraded</c>) and then one
/// reason per line, for operators.
/// </summary>
internal sealed class EdgeHealthCheck(EdgeHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = health.Judge();
        return Task.FromResult(report.Degraded ? HealthCheckResult.Degraded(string.Join('\n', report.Reasons)) : HealthCheckResult.Healthy());
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var entry in report.Entries.Values)
        {
            if (entry.Status != HealthStatus.Healthy && !string.IsNullOrEmpty(entry.Description))
            {
                text.Append('\n').Append(entry.Description);
            }
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
