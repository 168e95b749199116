using System.Buffers;
using System.Globalization;
using Marquee.Edge.Caching;
using Marquee.Edge.Fill;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Delivery;

/// <summary>
/// <c>GET/HEAD /media/{**path}</c>: the raw target and the token (or edge key) are checked before the cache is
/// touched; then memory, disk, or a coalesced fill, keyed by the path without its query so tokens do not split
/// the cache. Expired copies (playlists) are refetched, and served stale if the upstream fails.
/// </summary>
internal sealed class MediaHandler(
    MediaAccess access,
    RenditionLimits renditions,
    ObjectCache cache,
    FillCoordinator fills,
    NotFoundCache notFound,
    PlaylistRewriter rewriter,
    EdgeMetrics metrics,
    EdgeOptions options,
    TimeProvider clock,
    ILogger<MediaHandler> logger)
{
    private const int FileChunkBytes = 128 * 1024;

    // Bodies go to Kestrel in slices so its response buffer limit (64 KiB) applies between them: one write of a
    // whole segment would buffer all of it per connection, which a few thousand slow viewers turn into
    // gigabytes. Larger slices or buffers measured no faster on bench/edge.
    private const int WriteSlice = 256 * 1024;
    private const string RewrittenCacheControl = "private, no-store";

    public async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!MediaRequestTarget.TryParse(rawTarget, out var target, out var reason))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, reason);
            return;
        }

        var (kind, check) = access.Check(context.Request, target);
        if (kind == AccessKind.Refused)
        {
            await RefuseAsync(context, check.Status, check.Reason);
            return;
        }

        if (kind == AccessKind.Viewer)
        {
            RenditionRefusal? refusal;
            try
            {
                refusal = await renditions.CheckAsync(check.Claims!, target.Path, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (refusal is not null)
            {
                await RefuseRenditionAsync(context, refusal);
                return;
            }
        }

        var exchange = new MediaExchange(context, target, kind, check.Claims);
        try
        {
            await ServeAsync(exchange);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; the fill it may have started carries on for the others.
        }
        finally
        {
            metrics.Request(exchange.Outcome, exchange.Tier, exchange.BodyBytes);
        }
    }

    private async Task ServeAsync(MediaExchange x)
    {
        while (true)
        {
            if (cache.TryGet(x.Key, out var entry))
            {
                var now = clock.GetUtcNow();
                if (entry.Meta.IsFresh(now))
                {
                    x.Outcome = RequestOutcome.Hit;
                    if (await ServeEntryAsync(x, entry))
                    {
                        return;
                    }

                    continue;
                }

                var refresh = fills.Join(x.Key, out var startedRefresh);
                if (refresh is not null)
                {
                    x.Outcome = startedRefresh ? RequestOutcome.Miss : RequestOutcome.Coalesced;
                    await ServeRefreshAsync(x, refresh, entry, now);
                    return;
                }

                continue;
            }

            if (notFound.IsNotFound(x.Key))
            {
                x.Outcome = RequestOutcome.NotFound;
                await ProblemAsync(x.Context, StatusCodes.Status404NotFound, "Not found", "No media object at this address.");
                return;
            }

            var reader = fills.Join(x.Key, out var started);
            if (reader is not null)
            {
                x.Outcome = started ? RequestOutcome.Miss : RequestOutcome.Coalesced;
                await ServeMissAsync(x, reader);
                return;
            }
        }
    }

    /// <summary>Serves a cached object; false when its file has gone (evicted meanwhile), so the caller looks again.</summary>
    private async Task<bool> ServeEntryAsync(MediaExchange x, CachedObject entry)
    {
        if (entry.Body is null)
        {
            entry = await cache.PromoteIfHotAsync(entry, x.Aborted);
        }

        x.Tier = entry.Body is null ? ServedFrom.Disk : ServedFrom.Memory;
        if (entry.Body is { } body)
        {
            await (x.WantsRewrite(x.Key) ? ServeRewrittenAsync(x, entry.Meta, body) : ServeBytesAsync(x, entry.Meta, body));
            return true;
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(entry.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            cache.Disk.Remove(entry);
            return false;
        }

        using (handle)
        {
            if (x.WantsRewrite(x.Key))
            {
                var original = new byte[entry.Length];
                await ReadExactlyAsync(handle, original, CacheFile.HeaderBytes, x.Aborted);
                await ServeRewrittenAsync(x, entry.Meta, original);
            }
            else
            {
                await ServeFileAsync(x, entry.Meta, handle);
            }
        }

        return true;
    }

    /// <summary>Serves from a fill; the reader leaves it when the response is done, whichever way.</summary>
    private async Task ServeMissAsync(MediaExchange x, FillReader reader)
    {
        using (reader)
        {
            await ServeFillAsync(x, reader);
        }
    }

    private async Task ServeFillAsync(MediaExchange x, FillReader reader)
    {
        var fill = reader.Fill;
        var head = await fill.Head.WaitAsync(x.Aborted);
        if (head.Status != FillStatus.Ok)
        {
            await FillFailedAsync(x, head.Status, head.Detail);
            return;
        }

        x.Tier = ServedFrom.Upstream;
        var meta = head.Meta!;
        var body = head.Body!;
        var reachedEnd = false;
        if (x.WantsRewrite(x.Key))
        {
            reader.StandAside();
            if (!await WholeBodyAsync(x, fill, body))
            {
                return;
            }

            await ServeRewrittenAsync(x, meta, await body.ToArrayAsync(reader, x.Aborted));
            reachedEnd = true;
        }
        else
        {
            var length = meta.Length;
            // A range of a body of unknown length: only the whole body says where the end is. A body that is not
            // kept whole is sent whole instead (200), as RFC 9110 lets a server ignore Range.
            if (length < 0 && x.Request.Headers.Range.Count > 0 && body.KeepsWhole)
            {
                reader.StandAside();
                if (!await WholeBodyAsync(x, fill, body))
                {
                    return;
                }

                length = body.Length;
            }

            if (!Begin(x, meta, length, validators: true, out var range) || x.IsHead)
            {
                // No body to send: do not hold the headers back until the fill ends just to name the outcome.
                MarkPassThrough(x, fill, body);
                return;
            }

            reachedEnd = await StreamFillAsync(x, reader, body, range.Start, length < 0 ? -1 : range.Length);
        }

        if (reachedEnd || body is MemoryBody)
        {
            await MarkPassThroughAsync(x, fill);
        }
        else
        {
            // A range that ended before the body did: the rest of a large fill is not this request's to wait for.
            MarkPassThrough(x, fill, body);
        }
    }

    /// <summary>Waits for the whole body; false (answered 502) when the fill broke or could not keep it all.</summary>
    private static async Task<bool> WholeBodyAsync(MediaExchange x, ObjectFill fill, FillBody body)
    {
        if (!await fill.Completion.WaitAsync(x.Aborted))
        {
            await FillFailedAsync(x, FillStatus.BadGateway, "The upstream response broke off.");
            return false;
        }

        if (!body.HasWhole)
        {
            await FillFailedAsync(x, FillStatus.BadGateway, "The object passed through uncached and was too large to keep whole.");
            return false;
        }

        return true;
    }

    /// <summary>An expired copy: the refetch's answer when it succeeds, else the stale copy within the stale-if-error window.</summary>
    private async Task ServeRefreshAsync(MediaExchange x, FillReader reader, CachedObject stale, DateTimeOffset now)
    {
        using var leave = reader;
        var fill = reader.Fill;
        var head = await fill.Head.WaitAsync(x.Aborted);
        if (head.Status == FillStatus.Ok && !head.Body!.KeepsWhole)
        {
            // Not kept whole (a window), so it cannot be waited for: it streams, and a failure half-way breaks it.
            await ServeFillAsync(x, reader);
            return;
        }

        // Refetched objects are the expiring kind (playlists, small): wait for the whole body so a failure
        // half-way can still fall back to the stale copy instead of breaking the response.
        reader.StandAside();
        if (head.Status == FillStatus.Ok && await fill.Completion.WaitAsync(x.Aborted))
        {
            await ServeFillAsync(x, reader);
            return;
        }
        var staleness = stale.Meta.Staleness(now);
        if (head.Status != FillStatus.NotFound && staleness <= options.StaleIfError)
        {
            x.Outcome = RequestOutcome.Stale;
            EdgeLog.ServedStale(logger, x.Key, staleness);
            if (await ServeEntryAsync(x, stale))
            {
                return;
            }

            x.Outcome = RequestOutcome.Error;
        }

        await FillFailedAsync(x, head.Status == FillStatus.Ok ? FillStatus.BadGateway : head.Status, head.Detail);
    }

    private async Task ServeBytesAsync(MediaExchange x, ObjectMeta meta, byte[] body)
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
    private async Task ServeRewrittenAsync(MediaExchange x, ObjectMeta meta, byte[] original)
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

    private async Task ServeFileAsync(MediaExchange x, ObjectMeta meta, SafeFileHandle handle)
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

    private static async Task WriteAsync(MediaExchange x, ReadOnlyMemory<byte> body)
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

    /// <summary>
    /// Streams bytes as the fill publishes them, holding the reader's place so a window keeps them until sent;
    /// a fill that fails breaks the response rather than ending it short. True when it sent up to the body's end.
    /// </summary>
    private static async Task<bool> StreamFillAsync(MediaExchange x, FillReader reader, FillBody body, long start, long length)
    {
        var end = length < 0 ? long.MaxValue : start + length;
        var writer = x.Response.BodyWriter;
        reader.MoveTo(start);
        for (var offset = start; offset < end;)
        {
            ReadOnlyMemory<byte> piece;
            try
            {
                piece = await body.ReadAsync(reader, offset, (int)Math.Min(end - offset, WriteSlice), x.Aborted);
            }
            catch (IOException)
            {
                x.Outcome = RequestOutcome.Error;
                x.Context.Abort();
                return false;
            }

            if (!piece.IsEmpty)
            {
                var flushed = await writer.WriteAsync(piece, x.Aborted);
                offset += piece.Length;
                x.BodyBytes += piece.Length;
                reader.MoveTo(offset);
                if (flushed.IsCompleted)
                {
                    return false;
                }

                continue;
            }

            if (body.IsFailed)
            {
                x.Outcome = RequestOutcome.Error;
                x.Context.Abort();
                return false;
            }

            if (body.IsComplete && offset >= body.Length)
            {
                return true;
            }

            await body.WaitAsync(offset, x.Aborted);
        }

        return end == body.ExpectedLength || (body.IsComplete && end >= body.Length);
    }

    /// <summary>
    /// Status and headers for an object of <paramref name="length"/> bytes (-1: unknown, streamed chunked):
    /// conditional requests, then the range. False when the answer is already complete (304, 412, 416).
    /// </summary>
    private bool Begin(MediaExchange x, ObjectMeta meta, long length, bool validators, out ByteRange range)
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

    private static bool Range(MediaExchange x, long length, bool applies, out ByteRange range)
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

    /// <summary>A fill that nothing went into the cache from is a pass-through, whoever started it.</summary>
    private static async Task MarkPassThroughAsync(MediaExchange x, ObjectFill fill)
    {
        if (x.Outcome is RequestOutcome.Miss or RequestOutcome.Coalesced && await fill.Completion && !fill.Stored)
        {
            x.Outcome = RequestOutcome.Pass;
        }
    }

    /// <summary>The same without waiting for the fill: as it ended, or, while it runs, by whether it is still caching.</summary>
    private static void MarkPassThrough(MediaExchange x, ObjectFill fill, FillBody body)
    {
        var passing = fill.Completion.IsCompleted ? !fill.Stored : !body.IsCaching && body is not MemoryBody;
        if (x.Outcome is RequestOutcome.Miss or RequestOutcome.Coalesced && passing)
        {
            x.Outcome = RequestOutcome.Pass;
        }
    }

    private static async Task FillFailedAsync(MediaExchange x, FillStatus status, string detail)
    {
        x.Outcome = status == FillStatus.NotFound ? RequestOutcome.NotFound : RequestOutcome.Error;
        var (code, title) = status switch
        {
            FillStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            FillStatus.GatewayTimeout => (StatusCodes.Status504GatewayTimeout, "Upstream timeout"),
            _ => (StatusCodes.Status502BadGateway, "Upstream failure"),
        };
        await ProblemAsync(x.Context, code, title, detail);
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        EdgeLog.Refused(logger, context.Request.Path, status, reason);
        metrics.Request(RequestOutcome.Refused, ServedFrom.Memory, 0);
        await ProblemAsync(context, status, status == StatusCodes.Status410Gone ? "Token expired" : "Forbidden", reason);
    }

    private async Task RefuseRenditionAsync(HttpContext context, RenditionRefusal refusal)
    {
        if (refusal.Status == StatusCodes.Status403Forbidden)
        {
            await RefuseAsync(context, refusal.Status, refusal.Detail);
            return;
        }

        metrics.Request(RequestOutcome.Error, ServedFrom.Upstream, 0);
        await ProblemAsync(context, refusal.Status, refusal.Title, refusal.Detail);
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    private static async Task ReadExactlyAsync(SafeFileHandle handle, byte[] into, long fileOffset, CancellationToken cancellationToken)
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
