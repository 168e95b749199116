using Marquee.Edge.Caching;
using Marquee.Edge.Fill;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.ControlPlane;

/// <summary>The control plane's side of an edge: heartbeats with its load, the keys and steering they bring back, pre-fill.</summary>
public static class ControlPlaneServices
{
    /// <param name="publicUrl">Where viewers reach this edge.</param>
    /// <param name="capacity">Egress bytes per second that count as full.</param>
    /// <param name="maxConnections">Client connections that count as full.</param>
    public static IServiceCollection AddControlPlane(this IServiceCollection services, EdgeOptions options, Uri publicUrl, long capacity, int maxConnections)
    {
        var controlPlane = new Uri(options.Origin!.AbsoluteUri.TrimEnd('/') + "/");
        var settings = new ControlPlaneSettings(controlPlane, options.Id, options.EdgeKey, Path.Combine(options.CacheDirectory, "token-keys.json"));
        services.AddSingleton(settings);
        services.AddSingleton(sp => new FillScheduler(
            (key, ct) => PrefetchAsync(sp.GetRequiredService<FillCoordinator>(), sp.GetRequiredService<ObjectCache>(), key, ct),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FillScheduler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<FillScheduler>());
        services.AddHostedService(sp =>
        {
            var metrics = sp.GetRequiredService<EdgeMetrics>();
            var health = sp.GetRequiredService<EdgeHealth>();
            return new ControlPlaneClient(
                new HttpClient(),
                settings,
                () => Describe(options, publicUrl, metrics.Snapshot(), health.Judge(), capacity, maxConnections),
                sp.GetRequiredService<TokenKeyRing>(),
                sp.GetRequiredService<PlaylistRewriter>(),
                sp.GetRequiredService<FillScheduler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ControlPlaneClient>>());
        });
        return services;
    }

    /// <summary>
    /// Load is the busier of egress against capacity and connections against their limit. Healthy stays true (an
    /// edge that can send this is up, which is what the field always meant); degraded and its reasons go beside it.
    /// </summary>
    internal static EdgeHeartbeat Describe(EdgeOptions options, Uri publicUrl, EdgeLoad load, EdgeHealthReport health, long capacity, int maxConnections) => new(
        options.Id,
        options.Region,
        publicUrl.GetLeftPart(UriPartial.Authority),
        Healthy: true,
        LoadFactor: Math.Max(load.EgressBytesPerSecond / capacity, (double)load.ActiveConnections / maxConnections),
        load.ActiveConnections,
        (long)load.EgressBytesPerSecond,
        load.ObjectHitRatio,
        load.ByteHitRatio,
        load.CacheUsedBytes,
        load.CacheCapacityBytes,
        health.Degraded,
        health.Reasons);

    /// <summary>Fill-list keys are paths (<c>/media/…</c>); the cache's are keys (<c>media/…</c>). Bytes fetched, 0 if already cached.</summary>
    private static async Task<long> PrefetchAsync(FillCoordinator coordinator, ObjectCache cache, string path, CancellationToken cancellationToken)
    {
        var key = path.TrimStart('/');
        return await coordinator.PrefetchAsync(key, cancellationToken) && cache.TryGet(key, out var entry) ? entry.Length : 0;
    }
}
