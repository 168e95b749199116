using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Delivery;

/// <summary>The published package as real clients read it over HTTP from the running origin.</summary>
public sealed class PlaybackOverHttpTests(ReadyTitleFixture fixture) : IClassFixture<ReadyTitleFixture>
{
    private static int viewers;

    /// <summary>The URL a signed-in viewer's playback answer gives (the origin: this cluster has no edges), token included.</summary>
    private async Task<string> UrlAsync(string property)
    {
        using var client = await TestAccounts.SignedInClientAsync(fixture.Server, $"viewer{Interlocked.Increment(ref viewers)}@example.com", plan: "premium");
        using var response = await client.PostAsync($"/api/v1/playback/{fixture.TitleId}", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty(property).GetString()!;
    }

    [Fact]
    public async Task Every_hls_rendition_decodes_end_to_end_when_ffmpeg_reads_it_from_the_origin()
    {
        var master = await UrlAsync("hls");
        var streams = await Tool.OutputAsync("ffprobe", "-v", "error", "-protocol_whitelist", "http,tcp", "-show_entries", "stream=codec_type,width,height", "-of", "json", master);
        var video = JsonDocument.Parse(streams).RootElement.GetProperty("streams").EnumerateArray().Count(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal(2, video);

        for (var i = 0; i < video; i++)
        {
            var frames = await DecodedFramesAsync(master, $"0:v:{i}");
            Assert.InRange(frames, 265, 275);
        }
    }

    [Fact]
    public async Task Every_dash_representation_decodes_end_to_end_from_the_origin()
    {
        var mpd = await UrlAsync("dash");
        for (var i = 0; i < 2; i++)
        {
            var frames = await DecodedFramesAsync(mpd, $"0:v:{i}");
            Assert.InRange(frames, 265, 275);
        }
    }

    [Fact]
    public async Task Hls_playlist_parses_with_the_videojs_parser()
    {
        var (code, stdout, stderr) = await Tool.RunAsync("node", [Path.Combine(TestPaths.NodeTools, "parse-manifest.mjs"), "hls", await UrlAsync("hls")]);
        Assert.True(code == 0, stderr);
        var parsed = JsonDocument.Parse(stdout).RootElement;

        var playlists = parsed.GetProperty("playlists").EnumerateArray().ToList();
        Assert.Equal(2, playlists.Count);
        // Two rungs: players start on the lower one.
        Assert.Equal(426, playlists[0].GetProperty("attributes").GetProperty("RESOLUTION").GetProperty("width").GetInt32());
        Assert.All(playlists, p => Assert.True(long.Parse(p.GetProperty("attributes").GetProperty("AVERAGE-BANDWIDTH").ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Equal(["Main"], parsed.GetProperty("audio").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["English"], parsed.GetProperty("subtitles").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Dash_manifest_parses_with_the_videojs_parser_and_its_segments_exist()
    {
        var (code, stdout, stderr) = await Tool.RunAsync("node", [Path.Combine(TestPaths.NodeTools, "parse-manifest.mjs"), "dash", await UrlAsync("dash")]);
        Assert.True(code == 0, stderr);
        var parsed = JsonDocument.Parse(stdout).RootElement;

        Assert.InRange(parsed.GetProperty("duration").GetDouble(), 8.9, 9.1);
        var playlists = parsed.GetProperty("playlists").EnumerateArray().ToList();
        Assert.Equal(2, playlists.Count);
        Assert.NotEmpty(parsed.GetProperty("subtitles").EnumerateArray());
        foreach (var p in playlists)
        {
            Assert.Equal(3, p.GetProperty("segments").GetInt32());
            foreach (var uri in new[] { p.GetProperty("init").GetString()!, p.GetProperty("firstSegment").GetString()! })
            {
                using var response = await fixture.Server.Http.GetAsync(uri);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    private static async Task<int> DecodedFramesAsync(string url, string map)
    {
        var (code, _, stderr) = await Tool.RunAsync("ffmpeg",
            ["-hide_banner", "-nostdin", "-v", "error", "-stats", "-protocol_whitelist", "http,tcp", "-i", url, "-map", map, "-f", "null", "-"]);
        Assert.True(code == 0, stderr);
        var match = System.Text.RegularExpressions.Regex.Matches(stderr, @"frame=\s*(\d+)").LastOrDefault();
        Assert.NotNull(match);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
