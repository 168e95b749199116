using System.Diagnostics;
using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Caching;

/// <summary>
/// A real full disk: the cache directory is a 256 KiB tmpfs while the edge's budget says 64 MiB. Objects that do
/// not fit pass through, intact, and leave no file. Mounting needs root (as in CI here); without it the cache's
/// temporary folder is made read-only instead, a real write failure on the same path through the edge, though
/// one that strikes when the file is created rather than half-way through it.
/// </summary>
public sealed class FullDiskTests : IAsyncLifetime
{
    private readonly string mount = TestPaths.NewScratchFolder("edge-tmpfs");
    private bool mounted;

    public async ValueTask InitializeAsync()
    {
        var (code, _) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount);
        mounted = code == 0;
        if (!mounted && !OperatingSystem.IsWindows())
        {
            var temp = Directory.CreateDirectory(Path.Combine(mount, "tmp"));
            Directory.CreateDirectory(Path.Combine(mount, "objects"));
            File.SetUnixFileMode(temp.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (mounted)
        {
            await RunAsync("umount", "-l", mount);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // no Content-Length: the disk fills in the middle of the write, not at allocation
    public async Task A_full_disk_passes_fills_through_and_leaves_nothing_corrupt(bool chunked)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var edge = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.CacheSizeBytes = 64L * 1024 * 1024;
            o.MemoryBytes = 0;
        }, cacheDirectory: mount);
        var big = TestBytes.Make(1_000_000, seed: 11);
        upstream.Put(EdgeServer.Asset + "big.m4s", big, chunked: chunked);

        for (var i = 0; i < 2; i++)
        {
            using var response = await edge.Http.GetAsync(edge.Url("big.m4s"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(big, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + "big.m4s"));
        Assert.Equal(0, edge.Disk.Count);
        Assert.Empty(Directory.EnumerateFiles(mount, "*", SearchOption.AllDirectories));
        Assert.Equal(2, edge.Total("marquee.edge.pass_through"));
        Assert.Contains("Degraded", await edge.Http.GetStringAsync("/healthz"), StringComparison.Ordinal);
        if (!mounted)
        {
            return;
        }

        // Something that fits is cached as usual, and the edge is healthy again.
        var small = TestBytes.Make(20_000, seed: 12);
        upstream.Put(EdgeServer.Asset + "small.m4s", small);
        Assert.Equal(small, await edge.Http.GetByteArrayAsync(edge.Url("small.m4s")));
        // Published just after the last byte reached the client; the publish is what clears the failing state.
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the small object is published");
        Assert.Equal(small, await edge.Http.GetByteArrayAsync(edge.Url("small.m4s")));
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "small.m4s"));
        Assert.Equal("Healthy", await edge.Http.GetStringAsync("/healthz"));
    }

    private static async Task<(int Code, string Error)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
