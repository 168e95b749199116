using Marquee.Edge.Caching;
using Marquee.Edge.Observability;

namespace Marquee.Edge.FastPath;

/// <summary>What every fast-path connection shares: the hit finder, the cache, the metrics, the date line and Kestrel's timeouts.</summary>
internal sealed class FastPathServices(HitFinder finder, ObjectCache cache, EdgeMetrics metrics, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> kestrel)
{
    public HitFinder Finder { get; } = finder;

    public ObjectCache Cache { get; } = cache;

    public EdgeMetrics Metrics { get; } = metrics;

    public TimeProvider Clock { get; } = clock;

    public HttpDate Date { get; } = new(clock);

    /// <summary>Kestrel's own, so a connection idles as long whichever side last answered.</summary>
    public TimeSpan KeepAliveTimeout { get; } = kestrel.Value.Limits.KeepAliveTimeout;

    public TimeSpan HeadersTimeout { get; } = kestrel.Value.Limits.RequestHeadersTimeout;
}
