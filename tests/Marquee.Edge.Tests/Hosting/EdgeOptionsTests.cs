using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Microsoft.Extensions.Options;

namespace Marquee.Edge.Tests.Hosting;

public sealed class EdgeOptionsTests
{
    [Fact]
    public void Bad_options_fail_at_build_with_every_problem_named()
    {
        var options = new EdgeOptions { Id = "eu 1", Origin = new Uri("ftp://origin/"), EdgeKey = "short", CacheSizeBytes = 10 };

        var error = Assert.Throws<OptionsValidationException>(() => EdgeApp.Build(options, new TokenKeyRing()));

        Assert.Contains(error.Failures, f => f.Contains("id", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("region", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("origin", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("port", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("cache directory", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("cache size", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("key", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_health_thresholds_fail_at_build_with_each_one_named()
    {
        var options = new EdgeOptions
        {
            Id = "eu-1", Region = "eu", Origin = new Uri("http://origin/"), Port = 8101, CacheDirectory = "cache", EdgeKey = "0123456789abcdef0123",
            Health = new() { Window = TimeSpan.FromSeconds(2.5), MinimumSamples = 0, UpstreamFailureRatio = 1.5, UpstreamLatency = TimeSpan.Zero, ErrorRatio = double.NaN },
        };

        var error = Assert.Throws<OptionsValidationException>(() => EdgeApp.Build(options, new TokenKeyRing()));

        Assert.Equal(5, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("health window", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("minimum samples", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("upstream failure ratio", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("upstream latency", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("error ratio", StringComparison.Ordinal));
    }

    [Fact]
    public void The_health_defaults_are_valid_and_documented_values()
    {
        var health = new EdgeOptions().Health;

        Assert.Equal(TimeSpan.FromSeconds(30), health.Window);
        Assert.Equal(10, health.MinimumSamples);
        Assert.Equal(0.25, health.UpstreamFailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(1), health.UpstreamLatency);
        Assert.Equal(0.1, health.ErrorRatio);
    }

    [Fact]
    public void The_parent_is_the_upstream_when_there_is_one()
    {
        var options = new EdgeOptions { Origin = new Uri("http://origin:8080/"), Port = 8101 };
        Assert.Equal(new Uri("http://origin:8080/"), options.Upstream);
        Assert.Equal("http://127.0.0.1:8101", options.EffectiveUrls);

        options.Parent = new Uri("http://parent:8100/");
        Assert.Equal(new Uri("http://parent:8100/"), options.Upstream);
    }
}
