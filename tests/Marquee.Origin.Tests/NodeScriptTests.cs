using Marquee.TestSupport;

namespace Marquee.Origin.Tests;

public sealed class NodeScriptTests
{
    [Fact]
    public async Task A_script_that_hangs_is_killed_and_fails_with_its_output()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => NodeScript.RunAsync(
            "-e", ["console.log('started'); setInterval(() => {}, 1000)"], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Contains("started", error.Message);
    }

    [Fact]
    public async Task Arguments_reach_the_script_verbatim()
    {
        var result = await NodeScript.RunAsync(
            "-e", ["console.log(JSON.stringify(process.argv.slice(1)))", "a b", "$HOME", "'quoted'"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[\"a b\",\"$HOME\",\"'quoted'\"]", Assert.Single(result.StandardOutputLines));
    }
}
