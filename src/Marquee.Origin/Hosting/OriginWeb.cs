using Marquee.Origin.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Hosting;

/// <summary>Services only the web origin needs: problem details, health, metrics, uploads.</summary>
public static class OriginWeb
{
    public static IServiceCollection AddOriginWeb(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOriginObservability();
        return services;
    }
}
