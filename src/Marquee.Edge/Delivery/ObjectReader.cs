using Marquee.Edge.Caching;
using Marquee.Edge.Fill;

namespace Marquee.Edge.Delivery;

/// <summary>
/// The whole body of a small object the edge needs for itself (a package's MPD), from the cache or from one
/// coalesced fill, exactly as a viewer's request would get it: no second way to reach the upstream. Freshness
/// does not matter here: what is read this way lives under an immutable, versioned path.
/// </summary>
internal sealed class ObjectReader(ObjectCache cache, FillCoordinator fills)
{
    /// <summary>The body, or null when the upstream has no such object.</summary>
    /// <exception cref="UpstreamFailedException">The upstream failed, or the object is larger than <paramref name="maxBytes"/>.</exception>
    public async Task<byte[]?> ReadAllAsync(string key, int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (cache.TryGet(key, out var entry))
            {
                if (entry.Length > maxBytes)
                {
                    throw new UpstreamFailedException(FillStatus.BadGateway, $"'{key}' is larger than {maxBytes} bytes.");
                }

                if (entry.Body is { } body)
                {
                    return body;
                }

                if (await ReadFileAsync(entry, cancellationToken) is { } read)
                {
                    return read;
                }

                cache.Disk.Remove(entry);
                continue;
            }

            using var reader = fills.Join(key, out _);
            if (reader is null)
            {
                continue;
            }

            var head = await reader.Fill.Head.WaitAsync(cancellationToken);
            if (head.Status == FillStatus.NotFound)
            {
                return null;
            }

            if (head.Status != FillStatus.Ok)
            {
                throw new UpstreamFailedException(head.Status, head.Detail);
            }

            if (head.Meta!.Length > maxBytes || !head.Body!.KeepsWhole)
            {
                throw new UpstreamFailedException(FillStatus.BadGateway, $"'{key}' is larger than {maxBytes} bytes.");
            }

            reader.StandAside();
            if (!await reader.Fill.Completion.WaitAsync(cancellationToken))
            {
                throw new UpstreamFailedException(FillStatus.BadGateway, "The upstream response broke off.");
            }

            if (head.Body.Length > maxBytes)
            {
                throw new UpstreamFailedException(FillStatus.BadGateway, $"'{key}' is larger than {maxBytes} bytes.");
            }

            return await head.Body.ToArrayAsync(reader, cancellationToken);
        }
    }

    /// <summary>Null when the file has gone or is shorter than its header says (evicted or damaged meanwhile).</summary>
    private static async Task<byte[]?> ReadFileAsync(CachedObject entry, CancellationToken cancellationToken)
    {
        var body = new byte[entry.Length];
        try
        {
            using var handle = File.OpenHandle(entry.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            for (var read = 0; read < body.Length;)
            {
                var n = await RandomAccess.ReadAsync(handle, body.AsMemory(read), CacheFile.HeaderBytes + read, cancellationToken);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return body;
    }
}
