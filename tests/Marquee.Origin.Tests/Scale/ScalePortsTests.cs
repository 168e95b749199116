using Marquee.Cli;
using Marquee.Cli.Scale;

namespace Marquee.Origin.Tests.Scale;

/// <summary><c>--scale-ports</c>: six different ports or a one-line error, never a silent default.</summary>
public sealed class ScalePortsTests
{
    [Fact]
    public void Six_ports_are_taken_in_the_documented_order()
    {
        Assert.Equal(new ScalePorts(9080, 9081, 9082, 9433, 9380, 9568), ScalePorts.Parse("9080, 9081,9082,9433,9380,9568"));
        Assert.Equal(ScalePorts.Default, ScalePorts.Parse(null));
    }

    [Theory]
    [InlineData("8080,8081,8082,5433,6380")]
    [InlineData("8080,8081,8082,5433,6380,8080")]
    [InlineData("8080,8081,8082,5433,6380,70000")]
    [InlineData("8080,8081,8082,5433,6380,s3")]
    public void Anything_else_is_a_usage_error_naming_the_order(string text)
    {
        var error = Assert.Throws<UsageException>(() => ScalePorts.Parse(text));
        Assert.Contains("balancer, origin 1, origin 2, PostgreSQL, Redis, S3", error.Message, StringComparison.Ordinal);
    }
}
