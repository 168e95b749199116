using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Marquee.Edge.Delivery;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Sends one cached answer straight to the socket (or the TLS stream): the head from the object's prebuilt header
/// lines, then the body from the hot tier's array (one copy, the kernel's, or the encryption) or from the cache
/// file by <c>sendfile</c> (none; over TLS, read into a pooled buffer and encrypted). Small
/// bodies go in the same buffer as the head, so they leave in one segment. Nothing here allocates.
/// </summary>
internal static class HitWriter
{
    /// <summary>Head and, when it fits, the body: one send for small objects.</summary>
    public const int ScratchBytes = 16 * 1024;

    // Kestrel's MinResponseDataRate (240 bytes/s after a 5 s grace), applied the way Kestrel applies it: to each write.
    private const double MinBytesPerSecond = 240;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    // Body writes in slices, so a slow client is judged (and can be dropped) on each rather than on a whole segment.
    private const int Slice = 256 * 1024;

    /// <summary>
    /// Sends the answer, counting body bytes in <see cref="CachedHit.BodySent"/>. Throws when the client left or was
    /// too slow, and <see cref="InvalidDataException"/> when the cache file turned out shorter than its header says.
    /// </summary>
    // Pooled state machines: a send that waits for the socket would otherwise allocate one per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SendAsync(ConnectionOutput socket, CachedHit hit, ReadOnlyMemory<byte> date, SendClock deadline)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(ScratchBytes);
        try
        {
            var range = hit.Range;
            var head = WriteHead(scratch, hit, date.Span, socket.PlainSocket is null);
            var inline = hit.IsHead || range.Length > scratch.Length - head ? 0 : (int)range.Length;
            if (inline > 0)
            {
                if (hit.File is null)
                {
                    hit.Entry.Body!.AsSpan((int)range.Start, inline).CopyTo(scratch.AsSpan(head));
                }
                else if (RandomAccess.Read(hit.File!, scratch.AsSpan(head, inline), Caching.CacheFile.HeaderBytes + range.Start) != inline)
                {
                    throw new InvalidDataException("The cache file is shorter than its header says.");
                }
            }

            await SendAsync(socket, scratch.AsMemory(0, head + inline), deadline);
            hit.BodySent = inline;
            if (hit.IsHead || inline > 0)
            {
                return;
            }

            if (hit.File is null)
            {
                var body = hit.Entry.Body!;
                var memory = body.AsMemory((int)range.Start, (int)range.Length);
                for (var sent = 0; sent < memory.Length; sent += Slice)
                {
                    var slice = memory.Slice(sent, Math.Min(Slice, memory.Length - sent));
                    await SendAsync(socket, slice, deadline);
                    hit.BodySent += slice.Length;
                }

                return;
            }

            await SendFileAsync(socket, hit, scratch, deadline);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendAsync(ConnectionOutput socket, ReadOnlyMemory<byte> bytes, SendClock deadline)
    {
        deadline.Start(bytes.Length, Grace, MinBytesPerSecond);
        await socket.SendAsync(bytes);
        deadline.Stop();
    }

    /// <summary>
    /// The body from the cache file: <c>sendfile</c> while the socket takes it; when its buffer is full, the next
    /// piece is read and sent the ordinary way, which waits for room (the runtime has no way to wait for a socket
    /// to become writable other than a send), and <c>sendfile</c> takes over again.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendFileAsync(ConnectionOutput socket, CachedHit hit, byte[] scratch, SendClock deadline)
    {
        var offset = Caching.CacheFile.HeaderBytes + hit.Range.Start;
        var end = offset + hit.Range.Length;
        while (offset < end)
        {
            // Over TLS every piece is read and encrypted (SendFile.WouldBlock sends it the ordinary way).
            var sent = socket.PlainSocket is { } plain ? SendFile.Send(plain, hit.File!, ref offset, end - offset) : SendFile.WouldBlock;
            if (sent > 0)
            {
                hit.BodySent += sent;
                continue;
            }

            if (sent == 0)
            {
                throw new InvalidDataException("The cache file is shorter than its header says.");
            }

            if (sent != SendFile.WouldBlock)
            {
                throw new IOException("The client left.");
            }

            var piece = (int)Math.Min(scratch.Length, end - offset);
            if (RandomAccess.Read(hit.File!, scratch.AsSpan(0, piece), offset) != piece)
            {
                throw new InvalidDataException("The cache file is shorter than its header says.");
            }

            await SendAsync(socket, scratch.AsMemory(0, piece), deadline);
            offset += piece;
            hit.BodySent += piece;
        }
    }

    private static int WriteHead(Span<byte> into, CachedHit hit, ReadOnlySpan<byte> date, bool tls)
    {
        var range = hit.Range;
        var n = Append(into, 0, range.Kind == RangeKind.Partial ? "HTTP/1.1 206 Partial Content\r\n"u8 : "HTTP/1.1 200 OK\r\n"u8);
        n = Append(into, n, "Content-Length: "u8);
        n = AppendNumber(into, n, range.Length);
        n = Append(into, n, "\r\n"u8);
        if (range.Kind == RangeKind.Partial)
        {
            n = Append(into, n, "Content-Range: bytes "u8);
            n = AppendNumber(into, n, range.Start);
            n = Append(into, n, "-"u8);
            n = AppendNumber(into, n, range.End);
            n = Append(into, n, "/"u8);
            n = AppendNumber(into, n, hit.Entry.Length);
            n = Append(into, n, "\r\n"u8);
        }

        if (hit.Close)
        {
            n = Append(into, n, "Connection: close\r\n"u8);
        }

        if (tls)
        {
            // As EdgeResponseHeaders sets it on Kestrel's HTTPS answers.
            n = Append(into, n, "Strict-Transport-Security: max-age=31536000\r\n"u8);
        }

        n = Append(into, n, date);
        n = Append(into, n, hit.Entry.ResponseFields);
        return Append(into, n, "\r\n"u8);
    }

    private static int Append(Span<byte> into, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(into[at..]);
        return at + bytes.Length;
    }

    private static int AppendNumber(Span<byte> into, int at, long value)
    {
        Utf8Formatter.TryFormat(value, into[at..], out var written);
        return at + written;
    }
}
