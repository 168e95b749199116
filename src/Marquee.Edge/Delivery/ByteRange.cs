using System.Globalization;

namespace Marquee.Edge.Delivery;

/// <summary>
/// A <c>Range</c> header read against an object of known length (RFC 9110 §14). One range only: a request for
/// several is answered with the whole object (200), which the RFC allows and which players never need (they
/// ask for one range at a time); it also spares the edge multipart/byteranges. A header that is not valid
/// (<c>bytes=5-1</c>, another unit, garbage) is ignored, also as the RFC says.
/// </summary>
internal readonly record struct ByteRange(RangeKind Kind, long Start, long Length)
{
    public static ByteRange Full(long length) => new(RangeKind.Full, 0, length);

    public long End => Start + Length - 1;

    public static ByteRange Parse(string? header, long length) => Parse(header.AsSpan(), length);

    public static ByteRange Parse(ReadOnlySpan<char> header, long length)
    {
        var full = Full(length);
        if (header.IsEmpty || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return full;
        }

        var spec = header["bytes=".Length..].Trim();
        if (spec.Contains(','))
        {
            return full;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return full;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            // Suffix: the last N bytes. N = 0 selects nothing, so it cannot be satisfied.
            if (!TryParse(last, out var suffix))
            {
                return full;
            }

            return suffix == 0 || length == 0
                ? new ByteRange(RangeKind.Unsatisfiable, 0, 0)
                : new ByteRange(RangeKind.Partial, length - Math.Min(suffix, length), Math.Min(suffix, length));
        }

        if (!TryParse(first, out var start))
        {
            return full;
        }

        long end;
        if (last.IsEmpty)
        {
            end = length - 1;
        }
        else if (!TryParse(last, out end) || end < start)
        {
            return full;
        }

        if (start >= length)
        {
            return new ByteRange(RangeKind.Unsatisfiable, 0, 0);
        }

        end = Math.Min(end, length - 1);
        return new ByteRange(RangeKind.Partial, start, end - start + 1);
    }

    private static bool TryParse(ReadOnlySpan<char> digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
