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
    public void The_parent_is_the_upstream_when_there_is_one()
    {
        var options = new EdgeOptions { Origin = new Uri("http://origin:8080/"), Port = 8101 };
        Assert.Equal(new Uri("http://origin:8080/"), options.Upstream);
        Assert.Equal("http://127.0.0.1:8101", options.EffectiveUrls);

        options.Parent = new Uri("http://parent:8100/");
        Assert.Equal(new Uri("http://parent:8100/"), options.Upstream);
    }
}
