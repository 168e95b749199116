using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Edge.ControlPlane;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.Edge.Tokens;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Marquee.Cli;

/// <summary>
/// <c>marquee edge</c>: one regional cache. It registers with the control plane (the origin) and heartbeats its
/// health and load; the replies bring the token keys, the steering endpoint and the fill list. The cluster's edge
/// key comes from <c>MARQUEE_EDGE_KEY</c> or <c>--key-file</c>, never from the command line.
/// </summary>
internal static partial class EdgeCommand
{
    public const long DefaultCapacityBytesPerSecond = 125_000_000;
    public const int DefaultMaxConnections = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args,
            ["region", "origin", "port", "id", "cache", "cache-size", "memory", "parent", "host", "public-url", "capacity", "max-connections", "key-file", "data", "eviction",
             "tls-cert", "tls-key",
             "health-window", "health-min-samples", "health-upstream-failures", "health-upstream-latency", "health-errors"], []);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{parsed.Positional[0]}'.");
        }

        var region = parsed.Value("region") ?? throw new UsageException("edge needs --region (for example eu).");
        var origin = AbsoluteUrl(parsed.Value("origin") ?? throw new UsageException("edge needs --origin (for example http://127.0.0.1:8080)."), "--origin");
        var port = Integer(parsed.Value("port") ?? throw new UsageException("edge needs --port (for example 8101)."), "--port", 1, 65535);
        var host = parsed.Value("host") ?? "127.0.0.1";
        var id = parsed.Value("id") ?? $"{region}-{port}";
        if (!Name().IsMatch(id) || !Name().IsMatch(region))
        {
            throw new UsageException("--id and --region are 1–32 lower-case letters, digits or '-'.");
        }

        var key = EdgeKeyFrom(parsed.Value("key-file"));
        var (tlsCert, tlsKey) = (parsed.Value("tls-cert"), parsed.Value("tls-key"));
        if ((tlsCert is null) != (tlsKey is null))
        {
            throw new UsageException("--tls-cert and --tls-key go together: a PEM certificate and its PEM key.");
        }

        var scheme = tlsCert is null ? "http" : "https";
        var cache = parsed.Value("cache") ?? Path.Combine(DataDirectory.Resolve(parsed.Value("data")).Root, "edges", id);
        var options = new EdgeOptions
        {
            Id = id,
            Region = region,
            Origin = origin,
            Parent = parsed.Value("parent") is { } parent ? AbsoluteUrl(parent, "--parent") : null,
            Urls = $"{scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}",
            TlsCertificatePath = tlsCert is null ? null : Path.GetFullPath(tlsCert),
            TlsKeyPath = tlsKey is null ? null : Path.GetFullPath(tlsKey),
            CacheDirectory = cache,
            CacheSizeBytes = parsed.Value("cache-size") is { } size ? ByteSize.Parse(size, "--cache-size") : EdgeOptions.DefaultCacheSizeBytes,
            MemoryBytes = parsed.Value("memory") is { } memory ? ByteSize.Parse(memory, "--memory") : null,
            EdgeKey = key,
            Eviction = parsed.Value("eviction") ?? Marquee.Edge.Caching.Eviction.EvictionPolicies.Default,
            Health = HealthFrom(parsed),
        };
        var publicUrl = parsed.Value("public-url") is { } url ? AbsoluteUrl(url, "--public-url") : new Uri(options.Urls);
        var capacity = parsed.Value("capacity") is { } c ? ByteSize.Parse(c, "--capacity") : DefaultCapacityBytesPerSecond;
        var maxConnections = parsed.Value("max-connections") is { } m ? Integer(m, "--max-connections", 1, 1_000_000) : DefaultMaxConnections;

        var keys = new TokenKeyRing();
        var app = EdgeApp.Build(options, keys, configure: services => services.AddControlPlane(options, publicUrl, capacity, maxConnections));
        await app.StartAsync();
        Console.WriteLine($"edge {id} (region {region}) on {options.Urls}, cache {cache} ({options.CacheSizeBytes:N0} bytes), upstream {options.Upstream}");
        using var watch = ParentWatch.Start(app.Lifetime);
        await app.WaitForShutdownAsync();
        return ExitCodes.Ok;
    }

    /// <summary>The thresholds of <see cref="EdgeHealthOptions"/>, each defaulting to the option's own default.</summary>
    private static EdgeHealthOptions HealthFrom(Arguments parsed)
    {
        var health = new EdgeHealthOptions();
        if (parsed.Value("health-window") is { } window)
        {
            health.Window = TimeSpan.FromSeconds(Integer(window, "--health-window", 5, 600));
        }

        if (parsed.Value("health-min-samples") is { } samples)
        {
            health.MinimumSamples = Integer(samples, "--health-min-samples", 1, 100_000);
        }

        if (parsed.Value("health-upstream-failures") is { } failures)
        {
            health.UpstreamFailureRatio = Ratio(failures, "--health-upstream-failures");
        }

        if (parsed.Value("health-upstream-latency") is { } latency)
        {
            health.UpstreamLatency = TimeSpan.FromMilliseconds(Integer(latency, "--health-upstream-latency", 1, 60_000));
        }

        if (parsed.Value("health-errors") is { } errors)
        {
            health.ErrorRatio = Ratio(errors, "--health-errors");
        }

        return health;
    }

    private static double Ratio(string value, string option) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) && ratio > 0 && ratio <= 1
            ? ratio : throw new UsageException($"{option} must be a share above 0 and at most 1 (e.g. 0.25), not '{value}'.");

    private static string EdgeKeyFrom(string? keyFile)
    {
        var key = keyFile is not null
            ? (File.Exists(keyFile) ? File.ReadAllText(keyFile) : throw new UsageException($"--key-file {keyFile} does not exist."))
            : Environment.GetEnvironmentVariable("MARQUEE_EDGE_KEY");
        return string.IsNullOrWhiteSpace(key)
            ? throw new UsageException("the edge needs the cluster's edge key: set MARQUEE_EDGE_KEY or pass --key-file (the origin generates it into {data}/edge-key).")
            : key.Trim();
    }

    private static Uri AbsoluteUrl(string value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri : throw new UsageException($"{option} must be an absolute http(s) URL, not '{value}'.");

    private static int Integer(string value, string option, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new UsageException($"{option} must be a whole number from {min} to {max}, not '{value}'.");

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex Name();
}
