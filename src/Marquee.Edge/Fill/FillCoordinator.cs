using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Marquee.Edge.Caching;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Marquee.Media.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Fill;

/// <summary>
/// Request coalescing: at most one upstream fetch per key at a time, however many requests miss together.
/// The first miss starts a fill; every request, including the first, then streams from the fill's body as
/// bytes arrive (read-while-write), from memory for small objects and from the cache file being written for
/// large ones. The fill publishes the file when the body is complete; a failed fill publishes nothing and
/// breaks its readers' responses.
/// </summary>
internal sealed class FillCoordinator(
    ObjectCache cache,
    UpstreamClient upstream,
    NotFoundCache notFound,
    EdgeMetrics metrics,
    TimeProvider clock,
    EdgeOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<FillCoordinator> logger)
{
    private readonly ConcurrentDictionary<string, ObjectFill> inflight = new(StringComparer.Ordinal);

    /// <summary>Fills under way (for tests and diagnostics).</summary>
    public int InFlight => inflight.Count;

    /// <summary>
    /// A place in the fill under way for <paramref name="key"/>, or in a new one (<paramref name="started"/>).
    /// Returns null when a fresh copy reached the cache in the meantime: the caller should look again. The caller
    /// disposes the reader when its response is done.
    /// </summary>
    public FillReader? Join(string key, out bool started)
    {
        Join(key, asReader: true, out started, out var reader);
        return reader;
    }

    private ObjectFill? Join(string key, bool asReader, out bool started, out FillReader? reader)
    {
        started = false;
        reader = null;
        while (true)
        {
            if (inflight.TryGetValue(key, out var existing))
            {
                if (!asReader)
                {
                    return existing;
                }

                reader = existing.TryAddReader();
                if (reader is null)
                {
                    // Its window has moved past the first bytes: later requests get a fill of their own.
                    inflight.TryRemove(new KeyValuePair<string, ObjectFill>(key, existing));
                    continue;
                }

                metrics.CoalescedWaiter();
                return existing;
            }

            var fill = new ObjectFill(key);
            if (!inflight.TryAdd(key, fill))
            {
                continue;
            }

            // A fill that finished between the caller's cache lookup and here has published already.
            if (cache.TryGet(key, out var entry) && entry.Meta.IsFresh(clock.GetUtcNow()))
            {
                inflight.TryRemove(new KeyValuePair<string, ObjectFill>(key, fill));
                return null;
            }

            if (asReader)
            {
                reader = fill.TryAddReader();
            }

            started = true;
            _ = Task.Run(() => RunAsync(fill));
            return fill;
        }
    }

    /// <summary>
    /// Proactive fill (the control plane's popular objects): fetches <paramref name="key"/> (<c>media/…</c>)
    /// into the cache unless a fresh copy is there, joining any fetch viewers already started. Returns whether
    /// it had to fetch; throws <see cref="HttpRequestException"/> (with the status this edge would answer) when
    /// the upstream did not deliver. Cancelling stops the wait, not the fetch.
    /// </summary>
    public async Task<bool> PrefetchAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith("media/", StringComparison.Ordinal) || !ObjectKey.IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a media object key.", nameof(key));
        }

        while (true)
        {
            if (cache.TryGet(key, out var entry) && entry.Meta.IsFresh(clock.GetUtcNow()))
            {
                return false;
            }

            var fill = Join(key, asReader: false, out _, out _);
            if (fill is null)
            {
                continue;
            }

            var head = await fill.Head.WaitAsync(cancellationToken);
            if (head.Status != FillStatus.Ok || !await fill.Completion.WaitAsync(cancellationToken))
            {
                var status = head.Status switch
                {
                    FillStatus.NotFound => HttpStatusCode.NotFound,
                    FillStatus.GatewayTimeout => HttpStatusCode.GatewayTimeout,
                    _ => HttpStatusCode.BadGateway,
                };
                throw new HttpRequestException($"Prefetch of '{key}' failed: {(head.Status == FillStatus.Ok ? "the body broke off" : head.Detail)}", null, status);
            }

            return true;
        }
    }

    private async Task RunAsync(ObjectFill fill)
    {
        var stopping = lifetime.ApplicationStopping;
        FillBody? body = null;
        try
        {
            var asked = clock.GetTimestamp();
            using var answer = await upstream.GetAsync(fill.Key, stopping);
            metrics.UpstreamFetch(answer.Status, clock.GetElapsedTime(asked));
            if (answer.Response is not { } response)
            {
                if (answer.Status == FillStatus.NotFound)
                {
                    notFound.Remember(fill.Key);
                    cache.Remove(fill.Key);
                }
                else
                {
                    EdgeLog.UpstreamFailed(logger, fill.Key, answer.Detail);
                }

                fill.SetHead(FillHead.Failed(answer.Status, answer.Detail));
                fill.Finish(complete: false, wasStored: false);
                return;
            }

            notFound.Forget(fill.Key);
            var meta = MetaFrom(fill.Key, response);
            var storable = IsStorable(response.Headers.CacheControl);
            var writer = storable ? cache.Disk.BeginWrite(fill.Key, meta.Length) : null;
            if (!storable)
            {
                metrics.PassThrough("not_storable");
            }

            // Small bodies of known length in one array (the fast path, and the hot tier's copy); the rest streams
            // through the cache file, or a bounded window when there is none, so memory does not grow with the body.
            body = meta.Length is >= 0 and <= MemoryBody.Limit
                ? new MemoryBody(meta.Length, writer, cache.Disk)
                : new StreamedBody(meta.Length, writer, cache.Disk, fill.Readers);
            fill.SetHead(new FillHead(FillStatus.Ok, meta, body, ""));
            await CopyBodyAsync(response, body, stopping);
            var complete = meta.WithLength(body.Length);
            body.Complete();
            fill.Finish(complete: true, wasStored: storable && Publish(fill, body, complete));
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? "the upstream stalled or the edge is stopping" : e.Message;
            EdgeLog.FillBroken(logger, fill.Key, reason);
            if (!stopping.IsCancellationRequested)
            {
                metrics.UpstreamBroke();
            }

            if (body is null)
            {
                fill.SetHead(FillHead.Failed(FillStatus.BadGateway, "The upstream response broke off."));
            }
            else
            {
                body.Fail(e);
            }

            fill.Finish(complete: false, wasStored: false);
        }
        finally
        {
            // Only now: until the object is published, later requests must find this fill rather than start another.
            inflight.TryRemove(new KeyValuePair<string, ObjectFill>(fill.Key, fill));
            fill.Readers.FillEnded();
        }
    }

    /// <summary>
    /// Reads the body from the upstream into <paramref name="body"/>, which shows each piece to its readers and
    /// writes it to the cache file (a failing cache write turns the fill into a pass-through). A stalled upstream
    /// (no bytes for the read timeout) fails it; time spent waiting for slow readers does not count.
    /// </summary>
    private async Task CopyBodyAsync(HttpResponseMessage response, FillBody body, CancellationToken stopping)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(stopping);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        while (!body.IsFull)
        {
            var memory = await body.GetWriteMemoryAsync(stopping);
            idle.CancelAfter(options.UpstreamReadTimeout);
            var read = await stream.ReadAsync(memory, idle.Token);
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            if (read == 0)
            {
                break;
            }

            await body.AdvanceAsync(read, stopping);
        }

        if (body.ExpectedLength >= 0 && body.Length != body.ExpectedLength)
        {
            throw new IOException($"The upstream sent {body.Length} of {body.ExpectedLength} bytes.");
        }
    }

    /// <summary>
    /// Puts the finished object in the cache: on disk when it could be written, in memory too when it was held
    /// in memory and more than one request was waiting for it (it is evidently hot, and the array is already the
    /// right one).
    /// </summary>
    private bool Publish(ObjectFill fill, FillBody body, ObjectMeta meta)
    {
        var published = body.CacheWriter is { } writer ? cache.Disk.Publish(writer, meta) : null;
        var onDisk = published is not null;
        if (!onDisk)
        {
            // An older copy must not outlive a newer fetch, in either tier.
            cache.Disk.Remove(fill.Key);
        }

        cache.Memory.Remove(fill.Key);
        var inMemory = body is MemoryBody memory && fill.Readers.Joined >= 2 && cache.Memory.Accepts(meta.Length)
            && cache.Memory.Admit(CachedObject.InMemory(fill.Key, meta, memory.Array, published?.FilePath));
        return onDisk || inMemory;
    }

    private ObjectMeta MetaFrom(string key, HttpResponseMessage response)
    {
        var content = response.Content.Headers;
        var contentType = content.ContentType?.ToString();
        if (string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/octet-stream", StringComparison.Ordinal))
        {
            contentType = ContentTypes.ForKey(key);
        }

        var cacheControl = response.Headers.CacheControl;
        var maxAge = cacheControl?.SharedMaxAge ?? cacheControl?.MaxAge ?? TimeSpan.Zero;
        var fetchedAt = clock.GetUtcNow() - (response.Headers.Age ?? TimeSpan.Zero);
        return new ObjectMeta(
            contentType,
            response.Headers.ETag?.ToString(),
            content.LastModified,
            content.ContentLength ?? -1,
            response.Headers.TryGetValues("Cache-Control", out var raw) ? string.Join(", ", raw) : "",
            maxAge,
            fetchedAt);
    }

    private static bool IsStorable(CacheControlHeaderValue? cacheControl) =>
        cacheControl is null || !(cacheControl.NoStore || cacheControl.Private);
}
