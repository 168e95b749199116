using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Caching;

/// <summary>Under a small budget the disk cache stays within it and deletes what it evicts.</summary>
public sealed class EvictionTests
{
    [Fact]
    public async Task Used_bytes_stay_within_the_budget_and_evicted_files_are_deleted()
    {
        const long budget = 4 * 1024 * 1024;
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.CacheSizeBytes = budget;
            o.MemoryBytes = 0;
        });
        var objects = Enumerable.Range(1, 30).ToDictionary(i => $"seg-{i}.m4s", i => TestBytes.Make(200_000, seed: i));
        foreach (var (name, bytes) in objects)
        {
            upstream.Put(EdgeServer.Asset + name, bytes);
        }

        var fetched = 0;
        foreach (var (name, bytes) in objects)
        {
            Assert.Equal(bytes, await edge.Http.GetByteArrayAsync(edge.Url(name)));
            fetched++;
            Assert.InRange(edge.Disk.UsedBytes, 0, budget);
            List<string> Files() => Directory.EnumerateFiles(Path.Combine(edge.Options.CacheDirectory, "objects"), "*.obj", SearchOption.AllDirectories).ToList();

            // The fill publishes its file just after the last byte reaches the client. Index and folder agree before
            // that publish too, so wait for the publish itself: every object fetched so far is either held or evicted.
            await Eventually.TrueAsync(
                () => edge.Disk.Count + edge.Total("marquee.edge.cache.evictions") == fetched, "this object's fill is published");
            var files = Files();
            Assert.Equal(edge.Disk.Count, files.Count);
            Assert.InRange(files.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length), 0, budget);
        }

        // At most 20 × (200,000 + a 4 KiB header) fit in 4 MiB; every object beyond what is held was evicted.
        Assert.InRange(edge.Disk.Count, 10, 20);
        Assert.Equal(30 - edge.Disk.Count, edge.Total("marquee.edge.cache.evictions"));
        // The most recent is still there; the first, seen once, was evicted and is fetched again.
        Assert.Equal(objects["seg-30.m4s"], await edge.Http.GetByteArrayAsync(edge.Url("seg-30.m4s")));
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "seg-30.m4s"));
        Assert.Equal(objects["seg-1.m4s"], await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s")));
        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + "seg-1.m4s"));
    }

    [Fact]
    public async Task An_object_larger_than_the_budget_passes_through()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o => o.CacheSizeBytes = 1024 * 1024);
        var big = TestBytes.Make(1_500_000);
        upstream.Put(EdgeServer.Asset + "big.mp4", big);

        using var response = await edge.Http.GetAsync(edge.Url("big.mp4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(big, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, edge.Disk.Count);
        Assert.Empty(Directory.EnumerateFiles(edge.Options.CacheDirectory, "*", SearchOption.AllDirectories));
    }
}
