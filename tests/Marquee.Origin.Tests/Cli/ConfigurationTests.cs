using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cli;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("MARQUEE_Storage__Kind", "ftp", "Storage")]
    [InlineData("MARQUEE_Ffmpeg__FfmpegPath", "/nonexistent/ffmpeg", "ffmpeg was not found")]
    [InlineData("MARQUEE_Ingest__Workers", "99", "Workers")]
    public async Task Invalid_configuration_stops_the_origin_with_a_clear_line(string variable, string value, string message)
    {
        var data = TestPaths.NewScratchFolder("config");

        var (exit, _, stderr) = await MarqueeCli.RunAsync(["origin", "--data", data, "--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(1, exit);
        Assert.Contains("configuration is not valid", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
