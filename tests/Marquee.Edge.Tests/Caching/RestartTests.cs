using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Caching;

/// <summary>The disk cache outlives the process: a new edge on the same directory serves what the last one cached.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restarted_edge_serves_from_disk_with_the_upstream_gone_and_discards_leftovers()
    {
        var directory = TestPaths.NewScratchFolder("edge-restart");
        var upstream = await TestUpstream.StartAsync();
        var objects = Enumerable.Range(1, 3).ToDictionary(i => $"seg-{i}.m4s", i => TestBytes.Make(50_000 * i, seed: i));
        foreach (var (name, bytes) in objects)
        {
            upstream.Put(EdgeServer.Asset + name, bytes);
        }

        upstream.Put(EdgeServer.Asset + "index.m3u8", "#EXTM3U\n#EXTINF:4.0,\nseg-1.m4s\n");
        await using (var first = await EdgeServer.StartAsync(upstream.Address, cacheDirectory: directory))
        {
            foreach (var name in objects.Keys.Append("index.m3u8"))
            {
                Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync(first.Url(name))).StatusCode);
            }

            // Fills publish just after their last byte reaches the client: stop only once all four are on disk.
            await Eventually.TrueAsync(() => first.Disk.Count == 4, "the four fills are published");
        }

        await upstream.StopAsync();
        // What a crash leaves: a fill's temporary file, and an object file cut short.
        var leftover = Path.Combine(directory, "tmp", "0123.part");
        File.WriteAllBytes(leftover, TestBytes.Make(1000));
        var cut = Directory.EnumerateFiles(Path.Combine(directory, "objects"), "*.obj", SearchOption.AllDirectories).First();
        var cutBytes = File.ReadAllBytes(cut);
        var truncated = Path.Combine(Path.GetDirectoryName(cut)!, "ffff" + Path.GetFileName(cut));
        File.WriteAllBytes(truncated, cutBytes[..^10]);

        await using var second = await EdgeServer.StartAsync(upstream.Address, cacheDirectory: directory);

        foreach (var (name, bytes) in objects)
        {
            using var response = await second.Http.GetAsync(second.Url(name));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(TestUpstream.ImmutableCacheControl, string.Join(", ", response.Headers.GetValues("Cache-Control")));
            Assert.NotNull(response.Headers.ETag);
        }

        Assert.Contains("seg-1.m4s?token=", await second.Http.GetStringAsync(second.Url("index.m3u8")), StringComparison.Ordinal);
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(truncated));
        Assert.Equal(4, second.Disk.Count);
    }
}
