using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marquee.Edge.Caching;
using Marquee.Edge.Fill;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.Edge.Tokens;
using Marquee.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Tests;

/// <summary>A real edge on a free loopback port, built by <see cref="EdgeApp"/> as the CLI builds it, with a test key and its own cache directory.</summary>
public sealed class EdgeServer : IAsyncDisposable
{
    public const string EdgeKey = "test-edge-key-0123456789abcdef";
    public const string Asset = "/media/3a94fc793ee6afd1/v1/";

    public static readonly TokenKey KeyA = new("ka", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly TokenKey KeyB = new("kb", Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new(StringComparer.Ordinal);

    private EdgeServer(WebApplication app, EdgeOptions options, TokenKeyRing keys, TimeProvider clock)
    {
        App = app;
        Options = options;
        Keys = keys;
        Clock = clock;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Http = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdgeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        listener.Start();
    }

    public WebApplication App { get; }

    public EdgeOptions Options { get; }

    public TokenKeyRing Keys { get; }

    public TimeProvider Clock { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    internal DiskTier Disk => App.Services.GetRequiredService<DiskTier>();

    internal MemoryTier Memory => App.Services.GetRequiredService<MemoryTier>();

    internal FillCoordinator Fills => App.Services.GetRequiredService<FillCoordinator>();

    public EdgeMetrics Metrics => App.Services.GetRequiredService<EdgeMetrics>();

    public static async Task<EdgeServer> StartAsync(Uri upstream, Action<EdgeOptions>? change = null, TimeProvider? clock = null, string? cacheDirectory = null,
        Action<IServiceCollection>? services = null)
    {
        var options = new EdgeOptions
        {
            Id = "eu-1",
            Region = "eu",
            Origin = upstream,
            Urls = "http://127.0.0.1:0",
            CacheDirectory = cacheDirectory ?? TestPaths.NewScratchFolder("edge"),
            CacheSizeBytes = 256L * 1024 * 1024,
            EdgeKey = EdgeKey,
            // A held upstream in a test waits on the test, not on a clock; on a busy machine that may take a while.
            UpstreamReadTimeout = TimeSpan.FromMinutes(10),
        };
        change?.Invoke(options);
        var keys = new TokenKeyRing();
        keys.Replace([KeyA, KeyB]);
        clock ??= TimeProvider.System;
        var app = EdgeApp.Build(options, keys, clock, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services?.Invoke(s);
        });
        await app.StartAsync();
        return new EdgeServer(app, options, keys, clock);
    }

    public string Token(string prefix = Asset, string region = "eu", TimeSpan? validFor = null, TokenKey? key = null, int maxHeight = 0, bool download = false) =>
        PlaybackToken.Sign(new PlaybackClaims(prefix, Clock.GetUtcNow() + (validFor ?? TimeSpan.FromHours(1)), [region], "session-1", maxHeight, download), key ?? KeyA);

    /// <summary>The address of <paramref name="name"/> under the test asset, with a valid token.</summary>
    public string Url(string name, string? token = null) => Asset + name + "?token=" + (token ?? Token());

    public long Total(string instrument) => totals.TryGetValue(instrument, out var value) ? value : 0;

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
