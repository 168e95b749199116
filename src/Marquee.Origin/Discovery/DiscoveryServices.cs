using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Discovery;

public static class DiscoveryServices
{
    /// <summary>Ratings, the recommendation model and its refresher, for the web origin.</summary>
    public static IServiceCollection AddDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscoveryOptions>().Bind(configuration.GetSection(DiscoveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecommendationModel>();
        services.AddScoped<SignalReader>();
        services.AddScoped<RecommendationBuilder>();
        services.AddScoped<PersonalRows>();
        services.AddHostedService<RecommendationRefresher>();
        return services;
    }
}
