using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Marquee.Edge.Caching.Eviction;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Caching;

/// <summary>
/// The disk cache: one file per object under <c>objects/</c>, named by a hash of its key, within a byte budget
/// that an <see cref="IEvictionPolicy"/> enforces. Lookups read a concurrent index; anything that changes which
/// files exist (publish, evict, remove) happens under one lock together with the policy, so the index, the
/// policy and the directory agree. A failed write (disk full, read-only) never fails a request: the fill
/// carries on as a pass-through and the next fill simply tries again.
/// </summary>
internal sealed class DiskTier
{
    private readonly string objectsPath;
    private readonly string tempPath;
    private readonly IEvictionPolicy policy;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, CachedObject> index = new(StringComparer.Ordinal);
    private readonly List<string> evicted = [];
    private readonly EdgeMetrics metrics;
    private readonly ILogger<DiskTier> logger;
    private int failing;

    public DiskTier(EdgeOptions options, Func<long, IEvictionPolicy> policyFactory, EdgeMetrics metrics, ILogger<DiskTier> logger)
    {
        objectsPath = Path.Combine(options.CacheDirectory, "objects");
        tempPath = Path.Combine(options.CacheDirectory, "tmp");
        policy = policyFactory(options.CacheSizeBytes);
        this.metrics = metrics;
        this.logger = logger;
    }

    public long CapacityBytes => policy.CapacityBytes;

    /// <summary>The largest body the policy would admit: a fill of unknown length stops writing past it.</summary>
    public long MaxBodyBytes => policy.MaxObjectBytes - CacheFile.HeaderBytes;

    public long UsedBytes
    {
        get
        {
            lock (gate)
            {
                return policy.UsedBytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return policy.Count;
            }
        }
    }

    /// <summary>True while cache writes are failing (the edge is passing fills through).</summary>
    public bool IsFailing => Volatile.Read(ref failing) == 1;

    public string TempDirectory => tempPath;

    public bool TryGet(string key, [NotNullWhen(true)] out CachedObject? entry) => TryGet(key.AsSpan(), out entry);

    /// <summary>By span, so the fast path looks up without a string per request.</summary>
    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out CachedObject? entry)
    {
        if (!index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out entry))
        {
            return false;
        }

        lock (gate)
        {
            if (policy.Contains(entry.Key))
            {
                policy.Touch(entry.Key);
            }
        }

        return true;
    }

    /// <summary>
    /// Rebuilds the index from the directory: temporary files from an interrupted run are deleted, every object
    /// file whose header or size does not check out is deleted, the rest are admitted oldest fetch first (a
    /// smaller budget than last time evicts the oldest).
    /// </summary>
    public void Load(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(objectsPath);
        Directory.CreateDirectory(tempPath);
        foreach (var leftover in Directory.EnumerateFiles(tempPath))
        {
            TryDelete(leftover);
        }

        var found = new List<CachedObject>();
        foreach (var path in Directory.EnumerateFiles(objectsPath, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryOpen(path) is { } entry && PathFor(entry.Key) == path)
            {
                found.Add(entry);
            }
            else
            {
                EdgeLog.CacheFileDiscarded(logger, path);
                TryDelete(path);
            }
        }

        lock (gate)
        {
            foreach (var entry in found.OrderBy(e => e.Meta.FetchedAt))
            {
                Admit(entry);
            }
        }

        EdgeLog.CacheLoaded(logger, index.Count, UsedBytes, CapacityBytes);
    }

    /// <summary>
    /// A temporary file for a fill of <paramref name="expectedLength"/> bytes (-1 when unknown), or null when the
    /// object cannot be cached: larger than the budget, or the disk refused the file. With a known length the
    /// space is allocated up front, so a full disk is found before the first byte rather than in the middle.
    /// </summary>
    public CacheFileWriter? BeginWrite(string key, long expectedLength)
    {
        if (expectedLength > MaxBodyBytes)
        {
            // Known now, so a large body is not written out in full only to be refused at publish.
            metrics.PassThrough("too_large");
            return null;
        }

        var path = Path.Combine(tempPath, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            // Shared for reading: a fill's readers may keep this handle open after the rename, and on Unix
            // FileShare.None is an exclusive lock that would make every hit on the published file fail meanwhile.
            var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, FileOptions.None,
                expectedLength >= 0 ? CacheFile.HeaderBytes + expectedLength : 0);
            return new CacheFileWriter(key, path, handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(path);
            WriteFailed(e);
            return null;
        }
    }

    /// <summary>
    /// Seals the file, admits it to the policy and renames it into place, evicting (and deleting) what the
    /// policy chooses. Returns the disk entry, or null when the object was not kept (the file is deleted).
    /// </summary>
    public CachedObject? Publish(CacheFileWriter writer, ObjectMeta meta)
    {
        try
        {
            if (!writer.Seal(meta))
            {
                writer.Abandon();
                metrics.PassThrough("header");
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            writer.Abandon();
            WriteFailed(e);
            return null;
        }

        var finalPath = PathFor(writer.Key);
        var entry = CachedObject.OnDisk(writer.Key, meta, finalPath);
        lock (gate)
        {
            Forget(writer.Key);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
                File.Move(writer.TempPath, finalPath, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                writer.Abandon();
                WriteFailed(e);
                return null;
            }

            if (!Admit(entry))
            {
                TryDelete(finalPath);
                metrics.PassThrough("not_admitted");
                return null;
            }
        }

        if (Interlocked.Exchange(ref failing, 0) == 1)
        {
            EdgeLog.CacheWritesRecovered(logger);
        }

        return entry;
    }

    /// <summary>Drops an object and its file (the upstream said it is gone, or its file turned out unreadable).</summary>
    public void Remove(string key)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var entry))
            {
                Forget(key);
                TryDelete(entry.FilePath!);
            }
        }
    }

    /// <summary>Drops <paramref name="entry"/> if the index still holds that very version (its file was found missing).</summary>
    public void Remove(CachedObject entry)
    {
        lock (gate)
        {
            if (index.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
            {
                Forget(entry.Key);
                TryDelete(entry.FilePath!);
            }
        }
    }

    /// <summary>A fill of unknown length turned out larger than <see cref="MaxBodyBytes"/> and stopped writing its file.</summary>
    public void TooLarge() => metrics.PassThrough("too_large");

    /// <summary>A cache write failed: log the first failure of a run of them, count every one.</summary>
    public void WriteFailed(Exception e)
    {
        metrics.CacheWriteFailed(IsDiskFull(e));
        if (Interlocked.Exchange(ref failing, 1) == 0)
        {
            EdgeLog.CacheWritesFailing(logger, e.Message);
        }
    }

    internal string PathFor(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var name = Convert.ToHexStringLower(hash[..20]);
        return Path.Combine(objectsPath, name[..2], name + ".obj");
    }

    internal static bool IsDiskFull(Exception e) =>
        e is IOException && ((e.HResult & 0xFFFF) is 28 or 112 || e.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase));

    private static CachedObject? TryOpen(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            return CacheFile.TryReadHeader(handle, out var key, out var meta) ? CachedObject.OnDisk(key, meta, path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: the index no longer names it, and the next start checks every file again.
        }
    }

    // Under the gate.
    private bool Admit(CachedObject entry)
    {
        evicted.Clear();
        if (!policy.Admit(entry.Key, CacheFile.HeaderBytes + entry.Length, evicted))
        {
            return false;
        }

        index[entry.Key] = entry;
        foreach (var key in evicted)
        {
            if (index.TryRemove(key, out var gone))
            {
                TryDelete(gone.FilePath!);
            }
        }

        if (evicted.Count > 0)
        {
            metrics.Evicted(evicted.Count, ServedFrom.Disk);
        }

        return true;
    }

    // Under the gate: the caller replaces or deletes the file.
    private void Forget(string key)
    {
        if (policy.Contains(key))
        {
            policy.Remove(key);
        }

        index.TryRemove(key, out _);
    }
}
