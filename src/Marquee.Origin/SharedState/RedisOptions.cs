using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marquee.Origin.SharedState;

/// <summary>
/// Configuration section <c>Redis</c>: the Redis that several origins share for what must be counted or announced
/// once across all of them (rate limits, used passkey states, catalog changes, the SignalR backplane). Empty: this
/// origin keeps that state to itself, which is right for one origin.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>redis://[:password@]host[:port][/db]</c> (<c>rediss://</c> for TLS), or StackExchange.Redis's own <c>host:port,password=…</c> form.</summary>
    public string? Connection { get; set; }

    /// <summary>Put before every key and channel, so that several installations (or test runs) can share one Redis.</summary>
    public string Prefix { get; set; } = "marquee:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Connection);

    /// <summary>The client settings for <see cref="Connection"/>; throws <see cref="FormatException"/> with a sentence when it is not one.</summary>
    public ConfigurationOptions ToClientOptions()
    {
        var text = Connection?.Trim() ?? throw new FormatException("Redis:Connection is empty.");
        var options = text.Contains("://", StringComparison.Ordinal) ? FromUrl(text) : Parse(text);
        // Never wait on a missing Redis: callers fall back to this origin's own state and /healthz says degraded.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        options.AsyncTimeout = 1_000;
        options.ConnectRetry = 1;
        options.ClientName = "marquee-" + Environment.MachineName + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return options;
    }

    private static ConfigurationOptions Parse(string text)
    {
        try
        {
            return ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Redis:Connection is not a Redis address: {e.Message}", e);
        }
    }

    private static ConfigurationOptions FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(url.Host))
        {
            throw new FormatException("Redis:Connection must look like redis://[:password@]host[:port][/database] (or rediss:// for TLS).");
        }

        var options = new ConfigurationOptions { Ssl = url.Scheme == "rediss" };
        options.EndPoints.Add(url.Host, url.IsDefaultPort || url.Port <= 0 ? 6379 : url.Port);
        if (url.UserInfo.Length > 0)
        {
            // redis://user:password@ (ACL) or redis://:password@ (requirepass).
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? "" : url.UserInfo[..colon]);
            options.Password = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[(colon + 1)..]);
            options.User = user.Length > 0 ? user : null;
        }

        var path = url.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database) || database > 15)
            {
                throw new FormatException($"Redis:Connection names database '{path}'; it must be a number from 0 to 15.");
            }

            options.DefaultDatabase = database;
        }

        return options;
    }
}

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            _ = options.ToClientOptions();
            return ValidateOptionsResult.Success;
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
