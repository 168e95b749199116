using Marquee.Origin.Data;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Marquee.Origin.Observability;

/// <summary><c>/healthz</c> (database reachable, object store answering, Redis answering when configured: degraded without it) and <c>/metrics</c> (Prometheus text).</summary>
public static class OperationsApi
{
    public static IServiceCollection AddOriginObservability(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<MarqueeDbContext>("database")
            .AddCheck<ObjectStoreHealthCheck>("objects")
            .AddCheck<RedisHealthCheck>("redis");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OriginMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapOriginOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString().ToLowerInvariant(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
                });
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        routes.MapPrometheusScrapingEndpoint("/metrics");
        return routes;
    }
}
