using Marquee.Edge.Caching;
using Marquee.Edge.Fill;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
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
    MediaResponses responses,
    FillResponses fillResponses,
    EdgeMetrics metrics,
    EdgeOptions options,
    TimeProvider clock,
    ILogger<MediaHandler> logger)
{
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
            metrics.Request(exchange.Outcome, exchange.Tier, exchange.BodyBytes, exchange.Claims?.Download == true);
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
                await MediaResponses.ProblemAsync(x.Context, StatusCodes.Status404NotFound, "Not found", "No media object at this address.");
                return;
            }

            var reader = fills.Join(x.Key, out var started);
            if (reader is not null)
            {
                x.Outcome = started ? RequestOutcome.Miss : RequestOutcome.Coalesced;
                await fillResponses.ServeMissAsync(x, reader);
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
            await (x.WantsRewrite(x.Key) ? responses.ServeRewrittenAsync(x, entry.Meta, body) : responses.ServeBytesAsync(x, entry.Meta, body));
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
                await MediaResponses.ReadExactlyAsync(handle, original, CacheFile.HeaderBytes, x.Aborted);
                await responses.ServeRewrittenAsync(x, entry.Meta, original);
            }
            else
            {
                await responses.ServeFileAsync(x, entry.Meta, handle);
            }
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
            await fillResponses.ServeFillAsync(x, reader);
            return;
        }

        // Refetched objects are the expiring kind (playlists, small): wait for the whole body so a failure
        // half-way can still fall back to the stale copy instead of breaking the response.
        reader.StandAside();
        if (head.Status == FillStatus.Ok && await fill.Completion.WaitAsync(x.Aborted))
        {
            await fillResponses.ServeFillAsync(x, reader);
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

        await FillResponses.FillFailedAsync(x, head.Status == FillStatus.Ok ? FillStatus.BadGateway : head.Status, head.Detail);
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        EdgeLog.Refused(logger, context.Request.Path, status, reason);
        metrics.Request(RequestOutcome.Refused, ServedFrom.Memory, 0);
        await MediaResponses.ProblemAsync(context, status, status == StatusCodes.Status410Gone ? "Token expired" : "Forbidden", reason);
    }

    private async Task RefuseRenditionAsync(HttpContext context, RenditionRefusal refusal)
    {
        if (refusal.Status == StatusCodes.Status403Forbidden)
        {
            await RefuseAsync(context, refusal.Status, refusal.Detail);
            return;
        }

        metrics.Request(RequestOutcome.Error, ServedFrom.Upstream, 0);
        await MediaResponses.ProblemAsync(context, refusal.Status, refusal.Title, refusal.Detail);
    }

}
