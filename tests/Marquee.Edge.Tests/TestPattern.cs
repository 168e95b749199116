namespace Marquee.Edge.Tests;

/// <summary>
/// Bodies of any size, made on the fly and never held whole: the byte at offset o is that of a fixed random block
/// at o mod <see cref="Period"/>. The period is a few MiB and not a power of two, so a byte out of place, a
/// repeated or a missing piece shows in the comparison; lengths are checked on their own.
/// </summary>
public static class TestPattern
{
    public const int Period = (4 * 1024 * 1024) + 4093;

    private static readonly byte[] Block = TestBytes.Make(Period, seed: 2024);

    /// <summary>The body's bytes from <paramref name="offset"/>, at most <paramref name="max"/>, as one piece of the block.</summary>
    public static ReadOnlyMemory<byte> Piece(long offset, int max)
    {
        var at = (int)(offset % Period);
        return Block.AsMemory(at, Math.Min(max, Period - at));
    }

    /// <summary>The body's bytes from <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/>, copied out.</summary>
    public static byte[] Bytes(long offset, int count)
    {
        var result = new byte[count];
        for (var done = 0; done < count;)
        {
            var piece = Piece(offset + done, count - done);
            piece.CopyTo(result.AsMemory(done));
            done += piece.Length;
        }

        return result;
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end and compares every byte with the body's from
    /// <paramref name="offset"/>. Returns the number of bytes read; throws at the first one that differs.
    /// </summary>
    public static async Task<long> VerifyAsync(Stream stream, long offset = 0, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[256 * 1024];
        var position = offset;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return position - offset;
            }

            if (!Matches(position, buffer.AsSpan(0, read)))
            {
                throw new InvalidDataException($"The body differs from the pattern between offsets {position} and {position + read}.");
            }

            position += read;
        }
    }

    public static bool Matches(long offset, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var piece = Piece(offset, data.Length).Span;
            if (!data[..piece.Length].SequenceEqual(piece))
            {
                return false;
            }

            data = data[piece.Length..];
            offset += piece.Length;
        }

        return true;
    }
}
