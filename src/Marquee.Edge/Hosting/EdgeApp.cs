using System.Diagnostics.Metrics;
using Marquee.Edge.Caching;
using Marquee.Edge.Caching.Eviction;
using Marquee.Edge.Delivery;
using Marquee.Edge.Fill;
using Marquee.Edge.Observability;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Marquee.Edge.Hosting;

/// <summary>
/// Builds one edge: Kestrel, <c>/media/{**path}</c>, <c>/healthz</c> and <c>/metrics</c>. The caller starts it
/// (<c>RunAsync</c>, or <c>StartAsync</c> in tests) and keeps the <see cref="TokenKeyRing"/> to rotate keys.
/// </summary>
public static class EdgeApp
{

    /// <param name="options">Validated here; every problem is listed in the <see cref="OptionsValidationException"/>.</param>
    /// <param name="keys">The keys that verify playback tokens; replace its contents to rotate.</param>
    /// <param name="clock">Decides token expiry and freshness; the system clock by default.</param>
    /// <param name="configure">Runs after the edge's own registrations, so it can replace them (e.g. the eviction policy factory).</param>
    public static WebApplication Build(EdgeOptions options, TokenKeyRing keys, TimeProvider? clock = null, Action<IServiceCollection>? configure = null) =>
        Build(options, keys, clock, configure, verifyTokens: true);

    /// <summary>
    /// For bench/tokens only: the same edge, optionally without token verification, to measure what
    /// verification costs. Internal, so no configuration or command line can turn verification off.
    /// </summary>
    internal static WebApplication BuildForBench(EdgeOptions options, TokenKeyRing keys, bool verifyTokens, Action<IServiceCollection>? configure = null) =>
        Build(options, keys, null, configure, verifyTokens);

    private static WebApplication Build(EdgeOptions options, TokenKeyRing keys, TimeProvider? clock, Action<IServiceCollection>? configure, bool verifyTokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        var validation = new EdgeOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(EdgeOptions), typeof(EdgeOptions), validation.Failures);
        }

        try
        {
            Directory.CreateDirectory(options.CacheDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(nameof(EdgeOptions), typeof(EdgeOptions),
                [$"Edge cache directory '{options.CacheDirectory}' cannot be created: {e.Message}"]);
        }

        clock ??= TimeProvider.System;
        var certificate = EdgeTls.LoadCertificate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.EffectiveUrls);
        if (certificate is not null)
        {
            // The slim builder leaves HTTPS out unless asked; https:// addresses then use this certificate.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        var connections = new ConnectionCounter();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            kestrel.ConfigureEndpointDefaults(listen =>
            {
                listen.Use(next => async connection =>
                {
                    connections.Opened();
                    try
                    {
                        await next(connection);
                    }
                    finally
                    {
                        connections.Closed();
                    }
                });
                if (certificate is not null)
                {
                    // TLS here rather than by the https:// address, so the fast path can sit behind it.
                    listen.UseHttps(https => https.ServerCertificate ??= certificate);
                }

                if (options.FastPath)
                {
                    // Cached hits over HTTP/1.1 (plain or behind TLS) leave from here, the rest goes on to Kestrel (see FastPathMiddleware).
                    listen.Use(FastPath.FastPathMiddleware.Create(listen.ApplicationServices));
                }
            });
        });
        EdgeLogging.Configure(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(options);
        // Kestrel's connection buffers, in blocks sized for large bodies (see LargeBlockMemoryPool).
        services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();

        services.AddSingleton(keys);
        services.AddSingleton(clock);
        services.AddSingleton(connections);
        // The eviction policy, for both tiers: S3-FIFO unless configured (bench/eviction chose it).
        services.AddSingleton<Func<long, IEvictionPolicy>>(capacity => EvictionPolicies.Create(options.Eviction, capacity));
        // Counts what health is judged on; the request path only counts, EdgeHealth judges when asked.
        services.AddSingleton(new HealthWindow(clock, options.Health.Window, options.Health.UpstreamLatency));
        services.AddSingleton(options.Health);
        services.AddSingleton(sp => new EdgeMetrics(sp.GetRequiredService<IMeterFactory>(), clock, connections, sp.GetRequiredService<HealthWindow>()));
        services.AddSingleton<DiskTier>();
        services.AddSingleton<MemoryTier>();
        services.AddSingleton<ObjectCache>();
        services.AddSingleton<NotFoundCache>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<FillCoordinator>();
        services.AddSingleton<PlaylistRewriter>();
        services.AddSingleton(sp => new MediaAccess(options, keys, clock, verifyTokens));
        services.AddSingleton<ObjectReader>();
        services.AddSingleton<RenditionLimits>();
        services.AddSingleton<MediaResponses>();
        services.AddSingleton<FillResponses>();
        services.AddSingleton<MediaHandler>();
        services.AddSingleton<FastPath.HitFinder>();
        services.AddSingleton<FastPath.FastPathServices>();
        services.AddHostedService<CacheIndexLoader>();
        // The exception handler clears the response before writing its problem: the headers go back on with it.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context => EdgeResponseHeaders.Apply(context.HttpContext));
        services.AddSingleton<EdgeHealth>();
        services.AddHealthChecks().AddCheck<EdgeHealthCheck>("edge");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EdgeMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        configure?.Invoke(services);

        var app = builder.Build();
        app.Use(EdgeResponseHeaders.Middleware);
        app.UseExceptionHandler();
        app.MapMediaApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = EdgeHealthCheck.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
