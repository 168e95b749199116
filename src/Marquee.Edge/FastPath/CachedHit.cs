using Marquee.Edge.Caching;
using Marquee.Edge.Delivery;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.FastPath;

/// <summary>
/// What the fast path sends for one request: the object, the byte range, and where the body comes from (the hot
/// tier's array, or the cache file through <c>sendfile</c>). One instance per connection, reused by each request.
/// </summary>
internal sealed class CachedHit
{
    public CachedObject Entry { get; private set; } = null!;

    /// <summary>The cache file, open, when the body comes from disk; the caller disposes it.</summary>
    public SafeFileHandle? File { get; private set; }

    public ByteRange Range { get; private set; }

    public bool IsHead { get; private set; }

    public bool Close { get; private set; }

    /// <summary>Body bytes sent so far, for the metrics even when the client leaves half-way.</summary>
    public long BodySent { get; set; }

    public void Set(CachedObject entry, SafeFileHandle? file, ByteRange range, bool isHead, bool close)
    {
        Entry = entry;
        File = file;
        Range = range;
        IsHead = isHead;
        Close = close;
        BodySent = 0;
    }

    public void Clear()
    {
        File?.Dispose();
        File = null;
        Entry = null!;
    }
}
