namespace Marquee.Edge.Hosting;

/// <summary>
/// One edge's settings. Checked as a whole by <see cref="EdgeApp.Build"/> before anything starts, so a bad
/// command line fails with every problem listed instead of at the first request.
/// </summary>
public sealed class EdgeOptions
{
    public const long DefaultCacheSizeBytes = 10L * 1024 * 1024 * 1024;

    public const long DefaultMemoryBytes = 256L * 1024 * 1024;

    /// <summary>This edge's id in the cluster, e.g. <c>eu-1</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The region whose tokens this edge accepts, e.g. <c>eu</c>.</summary>
    public string Region { get; set; } = "";

    /// <summary>The origin's base address; media objects are fetched from <c>{Origin}/media/…</c>.</summary>
    public Uri? Origin { get; set; }

    /// <summary>
    /// A parent edge to fetch from instead of the origin, so a region can shield the origin: its children's
    /// misses coalesce there and the origin sees one fetch per object per region.
    /// </summary>
    public Uri? Parent { get; set; }

    /// <summary>Where to listen, ASP.NET Core style (<c>http://127.0.0.1:8101;http://[::1]:8101</c>); overrides <see cref="Port"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>Listen on <c>http://127.0.0.1:{Port}</c> (https with a certificate) when <see cref="Urls"/> is not set.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// A PEM certificate (chain) file: with <see cref="TlsKeyPath"/>, the edge serves HTTPS (HTTP/1.1 and HTTP/2 by
    /// ALPN) on its <c>https://</c> addresses. Without, plain HTTP as before.
    /// </summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The certificate's private key, PEM.</summary>
    public string? TlsKeyPath { get; set; }

    public bool UsesTls => TlsCertificatePath is not null;

    public string CacheDirectory { get; set; } = "";

    /// <summary>The eviction policy of both tiers, by name (<c>s3fifo</c>, <c>wtinylfu</c>, <c>lru</c>).</summary>
    public string Eviction { get; set; } = Caching.Eviction.EvictionPolicies.Default;

    /// <summary>The disk budget: objects plus their 4 KiB headers.</summary>
    public long CacheSizeBytes { get; set; } = DefaultCacheSizeBytes;

    /// <summary>The in-memory hot tier's budget; by default 256 MiB or a quarter of the disk budget, whichever is smaller.</summary>
    public long? MemoryBytes { get; set; }

    /// <summary>
    /// The cluster's shared secret. Sent upstream as <c>Authorization: Bearer {EdgeKey}</c> on every fetch, and
    /// accepted from child edges in place of a viewer token.
    /// </summary>
    public string EdgeKey { get; set; } = "";

    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>From sending the request to the upstream's response headers.</summary>
    public TimeSpan UpstreamFirstByteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait for the next bytes of a body already under way; a stalled upstream fails the fill.</summary>
    public TimeSpan UpstreamReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after expiry a cached copy may still be served when the upstream fails (RFC 5861 stale-if-error).</summary>
    public TimeSpan StaleIfError { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an upstream 404 is remembered, so a player polling a missing object does not reach the origin each time.</summary>
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether cached hits over plain HTTP/1.1 are answered by the fast path (straight to the socket, from the hot
    /// tier or the cache file by sendfile) rather than through Kestrel. On by default; off serves every request the
    /// whole way, which answers the same (the tests compare the two).
    /// </summary>
    public bool FastPath { get; set; } = true;

    /// <summary>
    /// Whether the fast path sends large bodies from the cache file (sendfile) even when the hot tier holds them.
    /// Internal: bench/edge turns it off to measure the alternative.
    /// </summary>
    internal bool FastPathSendsFiles { get; set; } = true;

    /// <summary>When this edge reports itself degraded in its heartbeat and at <c>/healthz</c>.</summary>
    public Observability.EdgeHealthOptions Health { get; set; } = new();

    /// <summary>Where misses are fetched from: the parent edge when there is one, else the origin.</summary>
    public Uri Upstream => Parent ?? Origin ?? throw new InvalidOperationException("The edge has no origin.");

    public long EffectiveMemoryBytes => MemoryBytes ?? Math.Min(DefaultMemoryBytes, CacheSizeBytes / 4);

    public string EffectiveUrls => Urls ?? $"{(UsesTls ? "https" : "http")}://127.0.0.1:{Port}";
}
