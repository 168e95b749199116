using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// The web app's own unit tests (web/test, run by <c>npm test</c> there: node --test on the watch party's sync
/// modules and the share links' helpers, compiled alone), run with the .NET suites so <c>./marquee test</c> and CI
/// run them too.
/// </summary>
public sealed class WebUnitTests
{
    [Fact]
    public async Task The_party_sync_modules_and_share_link_helpers_pass_their_node_tests()
    {
        var script = Path.Combine(TestPaths.RepositoryRoot, "web", "scripts", "test.mjs");
        Assert.True(Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "web", "node_modules")), "web/node_modules is missing: run `npm ci` in web (./marquee test does it)");

        var run = await NodeScript.RunAsync(script, [], TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StandardOutputLines, line => line == "# fail 0");
        Assert.DoesNotContain(run.StandardOutputLines, line => line == "# pass 0");
    }
}
