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
/// The first miss starts a fill; every request, including the first, then streams from the fill's buffer as
/// bytes arrive (read-while-write). The fill writes the same bytes to a temporary cache file and publishes it
/// when the body is complete; a failed fill publishes nothing and breaks its readers' responses.
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
    /// Joins the fill under way for <paramref name="key"/>, or starts one (<paramref name="started"/>). Returns
    /// null when a fresh copy reached the cache in the meantime: the caller should look again.
    /// </summary>
    public ObjectFill? Join(string key, bool asReader, out bool started)
    {
        started = false;
        while (true)
        {
            if (inflight.TryGetValue(key, out var existing))
            {
                if (asReader)
                {
                    existing.AddReader();
                    metrics.CoalescedWaiter();
                }

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
                fill.AddReader();
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

            var fill = Join(key, asReader: false, out _);
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
        CacheFileWriter? writer = null;
        FillBuffer? buffer = null;
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
            buffer = new FillBuffer(meta.Length);
            writer = storable ? cache.Disk.BeginWrite(fill.Key, meta.Length) : null;
            if (!storable)
            {
                metrics.PassThrough("not_storable");
            }

            fill.SetHead(new FillHead(FillStatus.Ok, meta, buffer, ""));
            writer = await CopyBodyAsync(response, buffer, writer, stopping);
            var complete = meta.WithLength(buffer.Length);
            buffer.Complete();
            fill.Finish(complete: true, wasStored: storable && Publish(fill, writer, complete, buffer));
            writer = null;
        }
        catch (Exception e)
        {
            writer?.Abandon();
            var reason = e is OperationCanceledException ? "the upstream stalled or the edge is stopping" : e.Message;
            EdgeLog.FillBroken(logger, fill.Key, reason);
            if (!stopping.IsCancellationRequested)
            {
                metrics.UpstreamBroke();
            }

            if (buffer is null)
            {
                fill.SetHead(FillHead.Failed(FillStatus.BadGateway, "The upstream response broke off."));
            }
            else
            {
                buffer.Fail(e);
            }

            fill.Finish(complete: false, wasStored: false);
        }
        finally
        {
            // Only now: until the object is published, later requests must find this fill rather than start another.
            inflight.TryRemove(new KeyValuePair<string, ObjectFill>(fill.Key, fill));
        }
    }

    /// <summary>
    /// Reads the body into the shared buffer (readers see each piece at once) and then into the cache file. A
    /// failing cache write turns the fill into a pass-through; a stalled upstream (no bytes for the read
    /// timeout) fails it. Returns the writer, or null once it was abandoned.
    /// </summary>
    private async Task<CacheFileWriter?> CopyBodyAsync(HttpResponseMessage response, FillBuffer buffer, CacheFileWriter? writer, CancellationToken stopping)
    {
        await using var body = await response.Content.ReadAsStreamAsync(stopping);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        while (!buffer.IsFull)
        {
            var memory = buffer.GetWriteMemory();
            idle.CancelAfter(options.UpstreamReadTimeout);
            var read = await body.ReadAsync(memory, idle.Token);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (writer is not null)
            {
                try
                {
                    await writer.WriteAsync(memory[..read], stopping);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    writer.Abandon();
                    writer = null;
                    cache.Disk.WriteFailed(e);
                }
            }
        }

        if (buffer.ExpectedLength >= 0 && buffer.Length != buffer.ExpectedLength)
        {
            throw new IOException($"The upstream sent {buffer.Length} of {buffer.ExpectedLength} bytes.");
        }

        return writer;
    }

    /// <summary>
    /// Puts the finished object in the cache: on disk when it could be written, in memory too when more than one
    /// request was waiting for it (it is evidently hot, and the buffer is already the right array).
    /// </summary>
    private bool Publish(ObjectFill fill, CacheFileWriter? writer, ObjectMeta meta, FillBuffer buffer)
    {
        var onDisk = writer is not null && cache.Disk.Publish(writer, meta) is not null;
        if (!onDisk)
        {
            // An older copy must not outlive a newer fetch, in either tier.
            cache.Disk.Remove(fill.Key);
        }

        cache.Memory.Remove(fill.Key);
        var inMemory = fill.Readers >= 2 && cache.Memory.Accepts(meta.Length)
            && cache.Memory.Admit(CachedObject.InMemory(fill.Key, meta, buffer.ToArray()));
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
