using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cli;

/// <summary>The <c>./marquee</c> script itself, run as a user would, by an unprivileged account so it must explain rather than install.</summary>
public sealed class ScriptTests
{
    [Fact]
    public async Task Missing_prerequisites_are_named_once_each_with_the_command_that_installs_them()
    {
        // A PATH with the .NET SDK and the few tools the script needs, but no ffmpeg or ffprobe.
        var bin = TestPaths.NewScratchFolder("script-path");
        foreach (var tool in new[] { "dotnet", "dirname", "id", "bash" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), (await Tool.RunAsync("bash", ["-c", "command -v " + tool])).Stdout.Trim());
        }

        var script = Path.Combine(TestPaths.RepositoryRoot, "marquee");

        var (code, stdout, stderr) = await Tool.RunAsync("runuser", ["-u", "nobody", "--", "/usr/bin/env", "-i", "PATH=" + bin, "HOME=/tmp", script, "ingest", "nothing.mp4", "--title", "X"]);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("marquee: missing prerequisites; install them with: sudo apt-get install -y ffmpeg", stderr.Trim());
    }
}
