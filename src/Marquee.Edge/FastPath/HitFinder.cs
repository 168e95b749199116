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
internal sealed class HitFinder(MediaAccess access, RenditionLimits renditions, ObjectCache cache, TimeProvider clock, Hosting.EdgeOptions options)
{
    // Bodies too large to go out with the head leave from the cache file (page cache, sendfile) even when the hot
    // tier has them: measured on bench/edge, that spends less CPU per GB than copying from the array.
    private readonly bool sendFiles = options.FastPathSendsFiles;

    /// <param name="canSendFile">Whether a body may leave by <c>sendfile</c> (plain HTTP); over TLS hot bodies leave from memory.</param>
    public bool TryFind(in RequestHead head, CachedHit hit, bool canSendFile)
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
        if (!access.TryVerified(token, path, out var claims) || claims.Download || !renditions.AllowsKnown(claims, path)
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

        SafeFileHandle? file = null;
        var inline = head.IsHead || range.Length <= HitWriter.ScratchBytes / 2;
        if (entry.FilePath is { } filePath && (entry.Body is null || (sendFiles && canSendFile && !inline)))
        {
            file = Open(filePath, entry);
            if (file is null && entry.Body is null)
            {
                // Gone (evicted meanwhile) or unreadable: the whole way drops it from the index and fills again.
                return false;
            }
        }

        if (entry.Body is null && cache.CountHit(entry))
        {
            _ = PromoteAsync(entry);
        }

        hit.Set(entry, file, range, head.IsHead, head.Close);
        return true;
    }

    /// <summary>The cache file, open, if it is still the one <paramref name="entry"/> describes (same length); else null.</summary>
    private static SafeFileHandle? Open(string path, CachedObject entry)
    {
        SafeFileHandle? file = null;
        try
        {
            file = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            if (RandomAccess.GetLength(file) == Caching.CacheFile.HeaderBytes + entry.Length)
            {
                return file;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        file?.Dispose();
        return null;
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
