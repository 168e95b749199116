using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marquee.Origin.Steering;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Cdn;

/// <summary>Real players through real edge processes: ffmpeg reading every rung, hls.js surviving a dead edge.</summary>
public sealed partial class CdnTests(CdnFixture fixture) : IClassFixture<CdnFixture>
{
    private static int viewers;

    [Fact]
    public async Task Ffmpeg_reads_the_whole_stream_through_an_edge_with_its_token_and_decodes_every_rung()
    {
        var answer = await PlayAsync("premium");
        var hls = answer.GetProperty("hls").GetString()!;
        Assert.Contains(new Uri(hls).Port, new[] { fixture.EdgeA.Address.Port, fixture.EdgeB.Address.Port });

        using var http = new HttpClient();
        var master = await http.GetStringAsync(hls);
        var rungs = master.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal));
        Assert.True(rungs >= 3, master);
        for (var i = 0; i < rungs; i++)
        {
            Assert.InRange(await DecodedFramesAsync(hls, $"0:v:{i}"), 570, 582);
        }

        using var withoutToken = await http.GetAsync(hls[..hls.IndexOf('?', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
    }

    [Fact]
    public async Task The_edge_hands_a_viewer_only_the_renditions_of_their_plan()
    {
        using var admin = await TestAccounts.AdminClientAsync(fixture.Server, "cdn-admin@example.com");
        using var limited = await admin.PutAsJsonAsync("/api/v1/plans/free", new { name = "Free", fullCatalog = true, maxHeight = 240, maxStreams = 1, downloadDevices = 0, priceCentsPerMonth = 0 });
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);

        var answer = await PlayAsync("free");
        using var http = new HttpClient();
        var master = await http.GetStringAsync(answer.GetProperty("hls").GetString());
        var mpd = await http.GetStringAsync(answer.GetProperty("dash").GetString());

        var heights = Resolution().Matches(master).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([240], heights);
        Assert.DoesNotContain("height=\"360\"", mpd, StringComparison.Ordinal);
        Assert.Contains("height=\"240\"", mpd, StringComparison.Ordinal);
        Assert.Equal(1, await VideoStreamsAsync(answer.GetProperty("hls").GetString()!));

        // The URLs of the taller rungs follow one pattern; written by hand with this viewer's token, the real edge
        // process (and the origin, the last pathway) refuse every one of them, and still serve the audio.
        var hls = answer.GetProperty("hls").GetString()!;
        var token = hls[(hls.IndexOf("?token=", StringComparison.Ordinal) + "?token=".Length)..];
        var audio = Regex.Match(master, "TYPE=AUDIO,[^\n]*URI=\"media_(\\d+)\\.m3u8").Groups[1].Value;
        foreach (var server in new[] { hls[..hls.IndexOf("/media/", StringComparison.Ordinal)], fixture.Server.Address.AbsoluteUri.TrimEnd('/') })
        {
            var prefix = server + new Uri(hls).AbsolutePath[..^"master.m3u8".Length];
            foreach (var file in new[] { "media_1.m3u8", "init-1.m4s", "seg-1-00001.m4s", "media_2.m3u8", "init-2.m4s", "seg-2-00003.m4s" })
            {
                using var refused = await http.GetAsync(prefix + file + "?token=" + token);
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{prefix}{file}: {(int)refused.StatusCode}");
            }

            using var audioSegment = await http.GetAsync(prefix + $"seg-{audio}-00001.m4s?token=" + token);
            using var allowed = await http.GetAsync(prefix + "seg-0-00001.m4s?token=" + token);
            Assert.Equal(HttpStatusCode.OK, audioSegment.StatusCode);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    [Fact]
    public async Task An_hls_js_player_on_one_edge_keeps_playing_from_the_other_when_its_edge_is_killed()
    {
        var answer = await PlayAsync("premium");
        var hls = answer.GetProperty("hls").GetString()!;
        var first = new Uri(hls).Port == fixture.EdgeA.Address.Port ? fixture.EdgeA : fixture.EdgeB;
        var second = first == fixture.EdgeA ? fixture.EdgeB : fixture.EdgeA;

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(TestPaths.NodeTools, "hls-play.mjs"), hls, "20" })
        {
            start.ArgumentList.Add(arg);
        }

        using var player = Process.Start(start)!;
        var stderr = player.StandardError.ReadToEndAsync();
        var fragmentsBefore = new List<string>();
        var fragmentsAfter = new List<string>();
        var killed = false;
        JsonElement? done = null;
        var log = new List<string>();
        while (await player.StandardOutput.ReadLineAsync() is { } line)
        {
            log.Add(line);
            var e = JsonDocument.Parse(line).RootElement;
            switch (e.GetProperty("event").GetString())
            {
                case "frag":
                    (killed ? fragmentsAfter : fragmentsBefore).Add(e.GetProperty("host").GetString()!);
                    if (!killed && fragmentsBefore.Count(h => h == first.Address.Authority) >= 3)
                    {
                        first.Kill();
                        killed = true;
                    }

                    break;
                case "done":
                    done = e;
                    break;
            }
        }

        await player.WaitForExitAsync();
        var transcript = string.Join('\n', log.TakeLast(40)) + "\n" + await stderr;
        Assert.True(player.ExitCode == 0, transcript);
        Assert.True(killed, transcript);
        Assert.Contains(first.Address.Authority, fragmentsBefore);
        Assert.Contains(second.Address.Authority, fragmentsAfter);
        // Fragments already on the wire when the process died may still land; once the player moved, it stays moved.
        Assert.DoesNotContain(first.Address.Authority, fragmentsAfter.SkipWhile(h => h != second.Address.Authority));
        Assert.True(done!.Value.GetProperty("t").GetDouble() >= 20, transcript);
        Assert.True(done.Value.GetProperty("frames").GetInt32() > 400, transcript);

        // The origin takes the dead edge out of rotation once its heartbeats stop.
        var ranker = fixture.Server.App.Services.GetRequiredService<SteeringRanker>();
        await Eventually.TrueAsync(async () =>
        {
            var edges = await fixture.Server.App.Services.GetRequiredService<EdgeDirectory>().CurrentAsync(CancellationToken.None);
            return !ranker.IsLive(edges.Single(e => e.Id == first.Id));
        }, "the killed edge leaves rotation", TimeSpan.FromSeconds(30));
    }

    private async Task<JsonElement> PlayAsync(string plan)
    {
        var email = $"cdn{Interlocked.Increment(ref viewers)}@example.com";
        (await TestAccounts.SignedInClientAsync(fixture.Server, email, plan)).Dispose();
        var login = await TestAccounts.LoginAsync(fixture.Server, email);
        using var client = Viewers.From(fixture.Server, Viewers.De, login.AccessToken);
        using var response = await client.PostAsync($"/api/v1/playback/{fixture.TitleId}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> VideoStreamsAsync(string url)
    {
        var streams = await Tool.OutputAsync("ffprobe", "-v", "error", "-protocol_whitelist", "http,tcp", "-show_entries", "stream=codec_type", "-of", "json", url);
        return JsonDocument.Parse(streams).RootElement.GetProperty("streams").EnumerateArray().Count(s => s.GetProperty("codec_type").GetString() == "video");
    }

    private static async Task<int> DecodedFramesAsync(string url, string map)
    {
        var (code, _, stderr) = await Tool.RunAsync("ffmpeg",
            ["-hide_banner", "-nostdin", "-v", "error", "-stats", "-protocol_whitelist", "http,tcp", "-i", url, "-map", map, "-f", "null", "-"]);
        Assert.True(code == 0, stderr);
        var match = Regex.Matches(stderr, @"frame=\s*(\d+)").LastOrDefault();
        Assert.NotNull(match);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("RESOLUTION=\\d+x(\\d+)")]
    private static partial Regex Resolution();
}
