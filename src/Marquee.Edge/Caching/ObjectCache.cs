using System.Diagnostics.CodeAnalysis;
using Marquee.Edge.Observability;

namespace Marquee.Edge.Caching;

/// <summary>
/// The two tiers as one cache: memory first, then disk. An object moves into memory on its second disk hit
/// (or straight after a fill that more than one request was waiting for), since one hit says little about heat.
/// </summary>
internal sealed class ObjectCache
{
    private const int PromoteOnHit = 2;

    public ObjectCache(MemoryTier memory, DiskTier disk, EdgeMetrics metrics)
    {
        Memory = memory;
        Disk = disk;
        metrics.ObserveCache(() => new CacheUsage(disk.UsedBytes, disk.CapacityBytes, disk.Count, memory.UsedBytes));
    }

    public MemoryTier Memory { get; }

    public DiskTier Disk { get; }

    public bool TryGet(string key, [NotNullWhen(true)] out CachedObject? entry) =>
        Memory.TryGet(key, out entry) || Disk.TryGet(key, out entry);

    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out CachedObject? entry) =>
        Memory.TryGet(key, out entry) || Disk.TryGet(key, out entry);

    /// <summary>
    /// For a disk hit: the in-memory copy when this hit makes the object hot (read from the file once, by one
    /// request), else the disk entry as it was. A file that vanished or changed size is dropped from the index.
    /// </summary>
    public async ValueTask<CachedObject> PromoteIfHotAsync(CachedObject entry, CancellationToken cancellationToken) =>
        CountHit(entry) ? await PromoteAsync(entry, cancellationToken) ?? entry : entry;

    /// <summary>
    /// Counts a disk hit; true for the one caller who should now read the object into memory (<see cref="PromoteAsync"/>).
    /// The fast path counts here too and promotes in the background, so both paths fill the hot tier alike.
    /// </summary>
    public bool CountHit(CachedObject entry) =>
        entry.Body is null && entry.CountHit() >= PromoteOnHit && Memory.Accepts(entry.Length) && entry.TryStartPromotion();

    /// <summary>Reads a disk entry into the hot tier; the memory entry, or null when the file is gone or short or the tier refused it.</summary>
    public async ValueTask<CachedObject?> PromoteAsync(CachedObject entry, CancellationToken cancellationToken)
    {
        var body = GC.AllocateUninitializedArray<byte>(checked((int)entry.Length));
        try
        {
            using var handle = File.OpenHandle(entry.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var read = 0;
            while (read < body.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, body.AsMemory(read), CacheFile.HeaderBytes + read, cancellationToken);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var hot = CachedObject.InMemory(entry.Key, entry.Meta, body, entry.FilePath);
        return Memory.Admit(hot) ? hot : null;
    }

    /// <summary>A new version replaces the old in both tiers; the memory copy goes first so it is never newer-looking than disk.</summary>
    public void Remove(string key)
    {
        Memory.Remove(key);
        Disk.Remove(key);
    }
}
