using System.Net.Http.Json;
using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cli;

public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingest_wait_prints_the_id_first_and_exits_0_once_playable_even_with_a_hostile_file_name()
    {
        var data = TestPaths.NewScratchFolder("cli");
        var folder = TestPaths.NewScratchFolder("names");
        var weird = Path.Combine(folder, "-rf 'quoted' \"double\" $(echo x)\nnewline.mp4");
        File.Copy(await Clips.GetAsync(new ClipSpec(Seconds: 5)), weird);
        await TestDatabase.PrepareAsync(data);

        var (code, stdout, stderr) = await MarqueeCli.RunAsync(["ingest", "--title", "Weird Name", "--wait", "--data", data, "--", weird]);

        Assert.True(code == 0, stderr);
        var id = stdout.Split('\n')[0].Trim();
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Contains("ready", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(weird), "the user's file must be left where it was");

        await using var origin = await OriginServer.StartAsync(data, "--Ingest:Workers", "0");
        var title = await origin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}");
        Assert.Equal("ready", title.GetProperty("status").GetString());
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "empty", "empty-file" },
        { "random", "unreadable" },
        { "truncated", "unreadable" },
        { "text", "unreadable" },
        { "hls", "container-not-allowed" },
        { "concat", "container-not-allowed" },
        { "still", "container-not-allowed" },
        { "huge", "resolution-too-large" },
        { "ten-hours", "too-long" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_inputs_are_refused_with_their_reason_and_leave_nothing_behind(string kind, string code)
    {
        var data = TestPaths.NewScratchFolder("cli-hostile");
        var file = kind switch
        {
            "empty" => HostileInputs.Empty(),
            "random" => HostileInputs.RandomBytes(),
            "truncated" => await HostileInputs.TruncatedMp4(),
            "text" => HostileInputs.TextRenamed(),
            "hls" => HostileInputs.HlsPlaylist(9),
            "concat" => HostileInputs.ConcatScript("/etc/hostname"),
            "still" => await HostileInputs.StillImage(),
            "huge" => await HostileInputs.HugeResolutionClaim(),
            _ => await HostileInputs.TenHourClaim(),
        };
        // A name that would be an option, with a quote and a newline: it must reach nothing but File.Copy.
        var named = Path.Combine(TestPaths.NewScratchFolder("hostile-named"), "--help \"x\"\n" + Path.GetFileName(file));
        File.Copy(file, named);

        var (exit, stdout, stderr) = await MarqueeCli.RunAsync(["ingest", "--title", "Hostile", "--data", data, "--", named]);

        Assert.Equal(3, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"refused ({code})", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "staging")));
        await using var origin = await OriginServer.StartAsync(data, "--Ingest:Workers", "0");
        var list = await (await Accounts.TestAccounts.AdminClientAsync(origin)).GetFromJsonAsync<JsonElement>("/api/v1/admin/titles");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(new[] { "ingest" }, "exactly one FILE")]
    [InlineData(new[] { "ingest", "x.mp4" }, "--title is required")]
    [InlineData(new[] { "ingest", "x.mp4", "--title", "T", "--bogus" }, "unknown option --bogus")]
    [InlineData(new[] { "ingest", "x.mp4", "--title", "T", "--year", "soon" }, "--year must be a number")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public async Task Usage_errors_exit_2_with_a_clear_line(string[] args, string message)
    {
        var (exit, _, stderr) = await MarqueeCli.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_are_refused_before_the_file_is_touched()
    {
        var data = TestPaths.NewScratchFolder("cli-bad");
        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 4));

        var (exit, _, stderr) = await MarqueeCli.RunAsync(["ingest", clip, "--title", "T", "--countries", "Germany", "--data", data]);
        var (missing, _, missingError) = await MarqueeCli.RunAsync(["ingest", Path.Combine(data, "nope.mp4"), "--title", "T", "--data", data]);

        Assert.Equal(2, exit);
        Assert.Contains("'Germany' is not an ISO 3166-1 alpha-2 country code", stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingError, StringComparison.Ordinal);
    }
}
