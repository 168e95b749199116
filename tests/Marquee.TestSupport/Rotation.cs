using System.Buffers.Binary;

namespace Marquee.TestSupport;

/// <summary>
/// Sets the display matrix of an MP4's first track, as phones do for portrait video. ffmpeg 5.1 has no option
/// to write one (its -display_rotation arrived in 6.0), so the test patches the tkhd box.
/// </summary>
public static class Rotation
{
    public static void Apply(string mp4, int degrees)
    {
        var bytes = File.ReadAllBytes(mp4);
        var box = bytes.AsSpan().IndexOf("tkhd"u8) - 4;
        if (box < 0 || bytes[box + 8] != 0)
        {
            throw new InvalidOperationException("expected a version 0 tkhd box");
        }

        // size, type, version+flags, created, modified, track, reserved, duration, reserved[8], layer, group, volume, reserved
        var matrix = box + 48;
        const int one = 0x10000;
        int[] values = degrees switch
        {
            90 => [0, one, 0, -one, 0, 0, 0, 0, 0x40000000],
            180 => [-one, 0, 0, 0, -one, 0, 0, 0, 0x40000000],
            270 => [0, -one, 0, one, 0, 0, 0, 0, 0x40000000],
            _ => throw new ArgumentOutOfRangeException(nameof(degrees)),
        };
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(matrix + (4 * i)), values[i]);
        }

        File.WriteAllBytes(mp4, bytes);
    }
}
