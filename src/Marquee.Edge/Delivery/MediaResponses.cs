using System.Buffers;
using System.Globalization;
using Marquee.Edge.Caching;
using Marquee.Edge.Observability;
using Marquee.Edge.Playlists;
using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Delivery;

/// <summary>
/// Writing one media answer: status and headers (conditional requests, ranges, CORS, the age a child edge needs),
/// then the body from an array, a cache file, or the viewer's own rewritten playlist; and problems. Where the bytes
/// come from (which tier, which fill) is the handler's business.
/// </summary>
internal sealed class MediaResponses(ObjectCache cache, PlaylistRewriter rewriter, TimeProvider clock)
{
    // Bodies go to Kestrel in slices so its response buffer limit (64 KiB) applies between them: one write of a
    // whole segment would buffer all of it per connection, which a few thousand slow viewers turn into
    // gigabytes. Larger slices or buffers measured no faster on bench/edge.
    public const int WriteSlice = 256 * 1024;

    private const int FileChunkBytes = 128 * 1024;
    private const string RewrittenCacheControl = "private, no-store";

    public async Task ServeBytesAsync(MediaExchange x, ObjectMeta meta, byte[] body)
    {
        if (!Begin(x, meta, body.Length, validators: true, out var range) || x.IsHead)
        {
            return;
        }

        await WriteAsync(x, body.AsMemory((int)range.Start, (int)range.Length));
    }

    /// <summary>
    /// The viewer's own playlist: no validators (it differs per token, so the cached original's ETag would be a
    /// lie and a made-up one would never be reused), private and not stored by anyone on the way.
    /// </summary>
    public async Task ServeRewrittenAsync(MediaExchange x, ObjectMeta meta, byte[] original)
    {
        byte[] rewritten;
        try
        {
            rewritten = rewriter.Rewrite(x.Key, original, x.Target.Token!, x.Claims!);
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or ArgumentException)
        {
            x.Outcome = RequestOutcome.Error;
            await ProblemAsync(x.Context, StatusCodes.Status502BadGateway, "Bad upstream playlist", "The playlist could not be read: " + e.Message);
            return;
        }

        var headers = x.Response.Headers;
        headers.ContentType = meta.ContentType;
        headers.CacheControl = RewrittenCacheControl;
        headers.AcceptRanges = "bytes";
        headers.AccessControlAllowOrigin = "*";
        // No validators, so an If-Range can never name this representation: it gets the whole playlist.
        if (!Range(x, rewritten.Length, applies: x.Request.Headers.IfRange.Count == 0, out var range) || x.IsHead)
        {
            return;
        }

        await WriteAsync(x, rewritten.AsMemory((int)range.Start, (int)range.Length));
    }

    public async Task ServeFileAsync(MediaExchange x, ObjectMeta meta, SafeFileHandle handle)
    {
        if (!Begin(x, meta, meta.Length, validators: true, out var range) || x.IsHead)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(FileChunkBytes, Math.Max(range.Length, 1)));
        try
        {
            var writer = x.Response.BodyWriter;
            for (var offset = range.Start; offset < range.Start + range.Length;)
            {
                var want = (int)Math.Min(buffer.Length, range.Start + range.Length - offset);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), CacheFile.HeaderBytes + offset, x.Aborted);
                if (read == 0)
                {
                    // The file is shorter than its header says: it cannot have come from us whole. Never send a short body as complete.
                    cache.Disk.Remove(x.Key);
                    x.Context.Abort();
                    return;
                }

                var flushed = await writer.WriteAsync(buffer.AsMemory(0, read), x.Aborted);
                offset += read;
                x.BodyBytes += read;
                if (flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Status and headers for an object of <paramref name="length"/> bytes (-1: unknown, streamed chunked):
    /// conditional requests, then the range. False when the answer is already complete (304, 412, 416).
    /// </summary>
    public bool Begin(MediaExchange x, ObjectMeta meta, long length, bool validators, out ByteRange range)
    {
        var headers = x.Response.Headers;
        headers.ContentType = meta.ContentType;
        if (meta.ETag is { } etag)
        {
            headers.ETag = etag;
        }

        if (meta.LastModifiedHeader is { } lastModified)
        {
            headers.LastModified = lastModified;
        }

        if (meta.CacheControl.Length > 0)
        {
            headers.CacheControl = meta.CacheControl;
        }

        headers.AcceptRanges = "bytes";
        headers.AccessControlAllowOrigin = "*";
        if (x.Access == AccessKind.Edge)
        {
            // A child edge counts its copy's freshness from when we fetched ours (RFC 9111 §5.1).
            var age = Math.Max(0, (long)(clock.GetUtcNow() - meta.FetchedAt).TotalSeconds);
            headers.Age = age.ToString(CultureInfo.InvariantCulture);
        }

        if (validators)
        {
            var precondition = Preconditions.Evaluate(x.Request, meta);
            if (precondition != 0)
            {
                x.Response.StatusCode = precondition;
                range = default;
                return false;
            }
        }

        if (length < 0)
        {
            range = new ByteRange(RangeKind.Full, 0, -1);
            return true;
        }

        return Range(x, length, Preconditions.RangeApplies(x.Request, meta), out range);
    }

    public static bool Range(MediaExchange x, long length, bool applies, out ByteRange range)
    {
        var response = x.Response;
        range = applies ? ByteRange.Parse(x.Request.Headers.Range, length) : ByteRange.Full(length);
        switch (range.Kind)
        {
            case RangeKind.Unsatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = "bytes */" + length.ToString(CultureInfo.InvariantCulture);
                response.ContentLength = 0;
                return false;
            case RangeKind.Partial:
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{length}");
                response.ContentLength = range.Length;
                return true;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentLength = length;
                return true;
        }
    }

    public static async Task WriteAsync(MediaExchange x, ReadOnlyMemory<byte> body)
    {
        var writer = x.Response.BodyWriter;
        while (!body.IsEmpty)
        {
            var slice = body[..Math.Min(body.Length, WriteSlice)];
            var flushed = await writer.WriteAsync(slice, x.Aborted);
            x.BodyBytes += slice.Length;
            body = body[slice.Length..];
            if (flushed.IsCompleted)
            {
                return;
            }
        }
    }

    public static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    public static async Task ReadExactlyAsync(SafeFileHandle handle, byte[] into, long fileOffset, CancellationToken cancellationToken)
    {
        for (var read = 0; read < into.Length;)
        {
            var n = await RandomAccess.ReadAsync(handle, into.AsMemory(read), fileOffset + read, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The cache file is shorter than its header says.");
            }

            read += n;
        }
    }
}
