using System.Buffers.Binary;

namespace Marquee.Origin.Sharing;

/// <summary>
/// The pixel size of a JPEG or PNG from its first bytes, for <c>og:image:width/height</c> (link previews lay the card
/// out before the image arrives). Written here because it is two header formats, and an imaging library would be a
/// large dependency for reading four numbers.
/// </summary>
public static class ImageSize
{
    /// <summary>How much of a file is read: JPEG's frame header follows its metadata segments, which are rarely longer.</summary>
    public const int HeaderBytes = 64 * 1024;

    public static (int Width, int Height)? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data[..8].SequenceEqual("\x89PNG\r\n\x1a\n"u8))
        {
            // The IHDR chunk comes first: width and height as big-endian 32-bit numbers.
            return Valid(BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }

        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                return null;
            }

            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            // Start of frame (baseline, progressive…), not DHT (C4), JPG (C8) or DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return at + 9 <= data.Length
                    ? Valid(BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]))
                    : null;
            }

            at += 2 + length;
        }

        return null;
    }

    private static (int, int)? Valid(int width, int height) => width is > 0 and <= 65535 && height is > 0 and <= 65535 ? (width, height) : null;
}
