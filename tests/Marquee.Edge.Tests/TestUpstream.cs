using System.Collections.Concurrent;
using System.Security.Cryptography;
using Marquee.Media.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Marquee.Edge.Tests;

/// <summary>
/// A stand-in origin on a free loopback port: serves objects put into it the way the origin does (ETag,
/// Last-Modified, ranges, the origin's Cache-Control), counts requests per path, remembers the Authorization
/// headers it saw, and can hold a response after its first bytes until the test says, or break it.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string ManifestCacheControl = "public, max-age=60";

    private readonly ConcurrentDictionary<string, Stored> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Hold> holds = new(StringComparer.Ordinal);
    private WebApplication? app;

    private TestUpstream()
    {
    }

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<TestUpstream> StartAsync()
    {
        var upstream = new TestUpstream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapMethods("/media/{**path}", [HttpMethods.Get, HttpMethods.Head], upstream.ServeAsync);
        await app.StartAsync();
        upstream.app = app;
        upstream.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return upstream;
    }

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> (<c>/media/…</c>), with the origin's headers unless told otherwise.</summary>
    public void Put(string path, byte[] bytes, string? cacheControl = null, string? contentType = null, bool chunked = false)
    {
        var isManifest = path.EndsWith(".m3u8", StringComparison.Ordinal) || path.EndsWith(".mpd", StringComparison.Ordinal);
        objects[path] = new Stored(
            bytes,
            bytes.Length,
            contentType ?? ContentTypes.ForKey(path),
            cacheControl ?? (isManifest ? ManifestCacheControl : ImmutableCacheControl),
            "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            chunked);
    }

    public void Put(string path, string text, string? cacheControl = null) => Put(path, System.Text.Encoding.UTF8.GetBytes(text), cacheControl);

    /// <summary>
    /// Serves <paramref name="length"/> bytes of <see cref="TestPattern"/> at <paramref name="path"/>, made as they are
    /// sent, so objects of gigabytes cost this process no memory.
    /// </summary>
    public void PutPattern(string path, long length, string? cacheControl = null, bool chunked = false)
    {
        objects[path] = new Stored(
            null,
            length,
            ContentTypes.ForKey(path),
            cacheControl ?? ImmutableCacheControl,
            $"\"pattern-{length}\"",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            chunked);
    }

    public int Requests(string path) => requests.TryGetValue(path, out var n) ? n : 0;

    public int TotalRequests => requests.Values.Sum();

    /// <summary>The next GET of <paramref name="path"/> sends its headers and first <paramref name="firstBytes"/> bytes, then waits.</summary>
    public Hold HoldAfter(string path, int firstBytes, bool beforeHeaders = false)
    {
        var hold = new Hold(firstBytes) { BeforeHeaders = beforeHeaders };
        holds[path] = hold;
        return hold;
    }

    /// <summary>Stops listening: connections are refused from now on.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        if (!objects.TryGetValue(path, out var stored))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers.CacheControl = stored.CacheControl;
        if (holds.TryRemove(path, out var hold))
        {
            await ServeHeldAsync(context, stored, hold);
            return;
        }

        if (stored.Chunked || stored.Bytes is null)
        {
            context.Response.ContentType = stored.ContentType;
            context.Response.Headers.ETag = stored.ETag;
            if (!stored.Chunked)
            {
                context.Response.ContentLength = stored.Length;
            }

            await WriteAsync(context, stored, 0, stored.Length);
            return;
        }

        await TypedResults.Bytes(stored.Bytes, stored.ContentType, lastModified: stored.LastModified,
            entityTag: EntityTagHeaderValue.Parse(stored.ETag), enableRangeProcessing: true).ExecuteAsync(context);
    }

    private static async Task ServeHeldAsync(HttpContext context, Stored stored, Hold hold)
    {
        if (hold.BeforeHeaders)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task;
        }

        context.Response.ContentType = stored.ContentType;
        context.Response.Headers.ETag = stored.ETag;
        if (!stored.Chunked)
        {
            context.Response.ContentLength = stored.Length;
        }

        var first = Math.Min(hold.FirstBytes, stored.Length);
        await WriteAsync(context, stored, 0, first);
        await context.Response.Body.FlushAsync();
        hold.Reached.TrySetResult();
        if (!await hold.Released.Task)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, stored, first, stored.Length);
    }

    /// <summary>Bytes <paramref name="from"/> to <paramref name="to"/>, in pieces, flushing each one of a chunked body so it goes out as a chunk.</summary>
    private static async Task WriteAsync(HttpContext context, Stored stored, long from, long to)
    {
        var pieceBytes = stored.Chunked ? 16 * 1024 : 256 * 1024;
        for (var offset = from; offset < to;)
        {
            var max = (int)Math.Min(pieceBytes, to - offset);
            var piece = stored.Bytes is { } bytes ? bytes.AsMemory((int)offset, max) : TestPattern.Piece(offset, max);
            await context.Response.Body.WriteAsync(piece);
            if (stored.Chunked)
            {
                await context.Response.Body.FlushAsync();
            }

            offset += piece.Length;
        }
    }

    /// <summary>An object: its bytes, or null for a <see cref="TestPattern"/> body of <paramref name="Length"/> bytes.</summary>
    private sealed record Stored(byte[]? Bytes, long Length, string ContentType, string CacheControl, string ETag, DateTimeOffset LastModified, bool Chunked);

    /// <summary>A response held part-way: <see cref="Reached"/> once it waits; <see cref="Release"/> sends the rest, <see cref="Break"/> aborts it.</summary>
    public sealed class Hold(int firstBytes)
    {
        public int FirstBytes { get; } = firstBytes;

        /// <summary>Wait before even the headers (for first-byte timeouts).</summary>
        public bool BeforeHeaders { get; init; }

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult(true);

        public void Break() => Released.TrySetResult(false);
    }
}
