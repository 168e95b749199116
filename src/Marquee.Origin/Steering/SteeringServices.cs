using Marquee.Origin.Hosting;
using Marquee.Origin.Playback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Steering;

/// <summary>Playback tokens, the edge registry, steering and pre-fill.</summary>
public static class SteeringServices
{
    public static IServiceCollection AddPlaybackAndSteering(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddOptions<PlaybackOptions>().Bind(configuration.GetSection(PlaybackOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.KeyRotation <= o.TokenLifetime * 4, "Playback:KeyRotation may be at most four token lifetimes.")
            .Validate(o => string.IsNullOrWhiteSpace(o.OriginUrl) || Uri.TryCreate(o.OriginUrl, UriKind.Absolute, out _), "Playback:OriginUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<SteeringOptions>().Bind(configuration.GetSection(SteeringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FillOptions>().Bind(configuration.GetSection(FillOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlaybackKeys>();
        services.AddScoped<PlaybackStarter>();
        services.AddScoped<MediaRoutes>();
        services.AddSingleton(sp => new EdgeKey(sp.GetRequiredService<InstallationSecrets>(), configuration[$"{SteeringOptions.Section}:{nameof(SteeringOptions.EdgeKey)}"]));
        services.AddSingleton<EdgeLastSeen>();
        services.AddSingleton<EdgeDirectory>();
        services.AddSingleton<EdgeHeartbeats>();
        services.AddSingleton<SteeringRanker>();
        services.AddSingleton<SteeringTargets>();
        services.AddSingleton<FillPlanner>();
        services.AddSingleton<PackageVariants>();
        services.AddSingleton<Delivery.PackageRenditions>();
        return services;
    }
}
