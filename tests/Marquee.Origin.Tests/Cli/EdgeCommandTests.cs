namespace Marquee.Origin.Tests.Cli;

/// <summary><c>marquee edge</c>'s health thresholds: a bad one stops the edge before it starts, naming the option.</summary>
public sealed class EdgeCommandTests
{
    [Theory]
    [InlineData("--health-window", "2", "--health-window must be a whole number from 5 to 600")]
    [InlineData("--health-min-samples", "0", "--health-min-samples must be a whole number from 1 to 100000")]
    [InlineData("--health-upstream-failures", "1.5", "--health-upstream-failures must be a share above 0 and at most 1")]
    [InlineData("--health-upstream-latency", "fast", "--health-upstream-latency must be a whole number from 1 to 60000")]
    [InlineData("--health-errors", "0", "--health-errors must be a share above 0 and at most 1")]
    public async Task A_bad_health_threshold_is_a_usage_error(string option, string value, string message)
    {
        var (exit, _, stderr) = await MarqueeCli.RunAsync(
            ["edge", "--region", "eu", "--origin", "http://127.0.0.1:9", "--port", "9", "--cache", Marquee.TestSupport.TestPaths.NewScratchFolder("edge-cli"), option, value],
            new Dictionary<string, string> { ["MARQUEE_EDGE_KEY"] = "an-edge-key-of-enough-length-0123456789" });

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
