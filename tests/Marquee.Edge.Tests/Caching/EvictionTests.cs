using System.Net;

namespace Marquee.Edge.Tests.Caching;

/// <summary>Under a small budget the disk cache stays within it and deletes what it evicts.</summary>
public sealed class EvictionTests
{
    [Fact]
    public async Task Used_bytes_stay_within_the_budget_and_evicted_files_are_deleted()
    {
        const long budget = 1024 * 1024;
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.CacheSizeBytes = budget;
            o.MemoryBytes = 0;
        });
        var objects = Enumerable.Range(1, 12).ToDictionary(i => $"seg-{i}.m4s", i => TestBytes.Make(200_000, seed: i));
        foreach (var (name, bytes) in objects)
        {
            upstream.Put(EdgeServer.Asset + name, bytes);
        }

        foreach (var (name, bytes) in objects)
        {
            Assert.Equal(bytes, await edge.Http.GetByteArrayAsync(edge.Url(name)));
            Assert.InRange(edge.Disk.UsedBytes, 0, budget);
            var files = Directory.EnumerateFiles(Path.Combine(edge.Options.CacheDirectory, "objects"), "*.obj", SearchOption.AllDirectories).ToList();
            Assert.Equal(edge.Disk.Count, files.Count);
            Assert.InRange(files.Sum(f => new FileInfo(f).Length), 0, budget);
        }

        // Whatever the policy kept has its file; whatever it evicted has none, and is fetched again.
        // (Which ones depends on the policy; 5 × (200,000 + a 4 KiB header) fit in 1 MiB.)
        Assert.InRange(edge.Disk.Count, 1, 5);
        Assert.True(edge.Total("marquee.edge.cache.evictions") >= objects.Count - 5);
        var kept = objects.Keys.Where(name => File.Exists(edge.Disk.PathFor(EdgeServer.Asset[1..] + name))).ToList();
        Assert.Equal(edge.Disk.Count, kept.Count);
        var stillThere = kept.First();
        Assert.Equal(objects[stillThere], await edge.Http.GetByteArrayAsync(edge.Url(stillThere)));
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + stillThere));
        var evicted = objects.Keys.Except(kept).First();
        Assert.Equal(objects[evicted], await edge.Http.GetByteArrayAsync(edge.Url(evicted)));
        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + evicted));
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
