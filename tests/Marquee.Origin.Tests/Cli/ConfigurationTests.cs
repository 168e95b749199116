using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cli;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("MARQUEE_Storage__Kind", "ftp", "Storage")]
    [InlineData("MARQUEE_Ffmpeg__FfmpegPath", "/nonexistent/ffmpeg", "ffmpeg was not found")]
    [InlineData("MARQUEE_Ingest__Workers", "99", "Workers")]
    [InlineData("MARQUEE_Database__Provider", "mysql", "must be 'sqlite' (the default) or 'postgres'")]
    [InlineData("MARQUEE_Database__Provider", "postgres", "Database:ConnectionString is empty")]
    public async Task Invalid_configuration_stops_the_origin_with_a_clear_line(string variable, string value, string message)
    {
        var data = TestPaths.NewScratchFolder("config");

        var (exit, _, stderr) = await MarqueeCli.RunAsync(["origin", "--data", data, "--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(1, exit);
        Assert.Contains("configuration is not valid", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_in_the_data_directory_apply_to_every_command_and_rank_below_the_environment()
    {
        var data = TestPaths.NewScratchFolder("config");
        await File.WriteAllTextAsync(Path.Combine(data, "marquee.json"), """{"Database": {"Provider": "oracle"}}""");

        var (exit, _, stderr) = await MarqueeCli.RunAsync(["user", "add", "a@example.com", "--data", data], input: "correct horse battery");
        Assert.Equal(1, exit);
        Assert.Contains("Database:Provider is 'oracle'", stderr, StringComparison.Ordinal);

        var (overridden, _, overriddenError) = await MarqueeCli.RunAsync(
            ["user", "add", "a@example.com", "--data", data],
            new Dictionary<string, string> { ["MARQUEE_Database__Provider"] = "sqlite" },
            "correct horse battery");
        Assert.True(overridden == 0, overriddenError);
        Assert.True(File.Exists(Path.Combine(data, "marquee.db")));
    }
}
