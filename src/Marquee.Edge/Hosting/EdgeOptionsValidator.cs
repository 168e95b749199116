using Microsoft.Extensions.Options;

namespace Marquee.Edge.Hosting;

/// <summary>Every rule for <see cref="EdgeOptions"/> in one place, each failure in words an operator can act on.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public const int MinimumEdgeKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var errors = new List<string>();
        if (!IsName(options.Id))
        {
            errors.Add("Edge id is required: letters, digits, '-' or '_', at most 64 (e.g. eu-1).");
        }

        if (!IsName(options.Region))
        {
            errors.Add("Edge region is required: letters, digits, '-' or '_', at most 64 (e.g. eu); tokens name the regions they are valid in.");
        }

        if (options.Origin is null)
        {
            errors.Add("Edge origin is required (e.g. http://127.0.0.1:8080).");
        }
        else if (!IsHttpBase(options.Origin))
        {
            errors.Add($"Edge origin '{options.Origin}' must be an absolute http or https address without a query.");
        }

        if (options.Parent is not null && !IsHttpBase(options.Parent))
        {
            errors.Add($"Edge parent '{options.Parent}' must be an absolute http or https address without a query.");
        }

        if (options.Urls is null && options.Port is not (> 0 and <= 65535))
        {
            errors.Add("Edge port must be between 1 and 65535 (or give Urls).");
        }

        if ((options.TlsCertificatePath is null) != (options.TlsKeyPath is null))
        {
            errors.Add("Edge TLS needs both a certificate file and its key file (or neither, for plain HTTP).");
        }
        else if (options.TlsCertificatePath is { } certificate && (!File.Exists(certificate) || !File.Exists(options.TlsKeyPath)))
        {
            errors.Add($"Edge TLS certificate '{certificate}' or key '{options.TlsKeyPath}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            errors.Add("Edge cache directory is required.");
        }

        if (!Caching.Eviction.EvictionPolicies.Names.Contains(options.Eviction?.Trim().ToLowerInvariant()))
        {
            errors.Add($"Edge eviction policy '{options.Eviction}' is not one of {string.Join(", ", Caching.Eviction.EvictionPolicies.Names)}.");
        }

        if (options.CacheSizeBytes < 1024 * 1024)
        {
            errors.Add($"Edge cache size must be at least 1 MiB (was {options.CacheSizeBytes} bytes).");
        }

        if (options.EffectiveMemoryBytes < 0)
        {
            errors.Add("Edge memory budget cannot be negative (0 turns the hot tier off).");
        }

        if (options.EdgeKey.Length < MinimumEdgeKeyLength)
        {
            errors.Add($"Edge key is required, at least {MinimumEdgeKeyLength} characters: the cluster's shared secret, sent upstream and accepted from child edges.");
        }

        foreach (var (what, value) in new[]
        {
            ("upstream connect timeout", options.UpstreamConnectTimeout),
            ("upstream first-byte timeout", options.UpstreamFirstByteTimeout),
            ("upstream read timeout", options.UpstreamReadTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Edge {what} must be positive (was {value}).");
            }
        }

        if (options.StaleIfError < TimeSpan.Zero || options.NotFoundTtl < TimeSpan.Zero)
        {
            errors.Add("Edge stale-if-error window and not-found time cannot be negative.");
        }

        ValidateHealth(options.Health, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateHealth(Observability.EdgeHealthOptions? health, List<string> errors)
    {
        if (health is null)
        {
            errors.Add("Edge health options are required (leave them at their defaults if unsure).");
            return;
        }

        if (health.Window < TimeSpan.FromSeconds(5) || health.Window > TimeSpan.FromMinutes(10) || health.Window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"Edge health window must be whole seconds from 5 s to 10 min (was {health.Window}).");
        }

        if (health.MinimumSamples is < 1 or > 100_000)
        {
            errors.Add($"Edge health minimum samples must be from 1 to 100000 (was {health.MinimumSamples}).");
        }

        if (!double.IsFinite(health.UpstreamFailureRatio) || health.UpstreamFailureRatio is <= 0 or > 1)
        {
            errors.Add($"Edge health upstream failure ratio must be above 0 and at most 1 (was {health.UpstreamFailureRatio}).");
        }

        if (!double.IsFinite(health.ErrorRatio) || health.ErrorRatio is <= 0 or > 1)
        {
            errors.Add($"Edge health error ratio must be above 0 and at most 1 (was {health.ErrorRatio}).");
        }

        if (health.UpstreamLatency <= TimeSpan.Zero || health.UpstreamLatency > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Edge health upstream latency must be positive and at most a minute (was {health.UpstreamLatency}).");
        }
    }

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsHttpBase(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Query.Length == 0;
}
