using System.Text;
using Marquee.Edge.Caching;
using Marquee.Edge.Delivery;
using Marquee.Edge.Playlists;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Decides whether the fast path may answer a request itself: the same checks, in the same order, as
/// <see cref="MediaHandler"/> makes before any cached byte is read (a token this edge has verified in full, the
/// plan's rung), then a fresh cached copy that needs no rewriting. Every "no" sends the request the whole way,
/// where it is verified, refused, filled or rewritten exactly as before; so the fast path adds no answer of its
/// own, it only gives the commonest one sooner.
/// </summary>
internal sealed class HitFinder(MediaAccess access, RenditionLimits renditions, ObjectCache cache, TimeProvider clock)
{
    private static readonly bool PreferFile = Environment.GetEnvironmentVariable("MARQUEE_EDGE_SENDFILE") == "1";

    public bool TryFind(in RequestHead head, CachedHit hit)
    {
        if (head.Token.IsEmpty)
        {
            return false;
        }

        Span<char> path = stackalloc char[head.Path.Length];
        Span<char> token = stackalloc char[head.Token.Length];
        Encoding.ASCII.GetChars(head.Path, path);
        Encoding.ASCII.GetChars(head.Token, token);
        var key = path[1..];
        if (!access.TryVerified(token, path, out var claims) || !renditions.AllowsKnown(claims, path)
            || key.EndsWith(".m3u8", StringComparison.Ordinal) || key.EndsWith(".mpd", StringComparison.Ordinal)
            || !cache.TryGet(key, out var entry) || !entry.Meta.IsFresh(clock.GetUtcNow()) || entry.ResponseFields is null)
        {
            return false;
        }

        var range = ByteRange.Full(entry.Length);
        if (!head.Range.IsEmpty)
        {
            Span<char> header = stackalloc char[Math.Min(head.Range.Length, 256)];
            if (head.Range.Length > header.Length)
            {
                return false;
            }

            Encoding.ASCII.GetChars(head.Range, header);
            range = ByteRange.Parse(header, entry.Length);
            if (range.Kind == RangeKind.Unsatisfiable)
            {
                return false;
            }
        }

        if (PreferFile && entry.Body is not null && cache.Disk.TryGet(key, out var onDisk))
        {
            entry = onDisk;
        }

        SafeFileHandle? file = null;
        if (entry.Body is null)
        {
            try
            {
                file = System.IO.File.OpenHandle(entry.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone (evicted meanwhile) or unreadable: the whole way drops it from the index and fills again.
                return false;
            }

            if (cache.CountHit(entry))
            {
                _ = PromoteAsync(entry);
            }
        }

        hit.Set(entry, file, range, head.IsHead, head.Close);
        return true;
    }

    // The second disk hit reads the object into the hot tier, as the whole way does, but this request does not wait for it.
    private async Task PromoteAsync(CachedObject entry)
    {
        try
        {
            await cache.PromoteAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk hit stays a disk hit.
        }
    }
}
