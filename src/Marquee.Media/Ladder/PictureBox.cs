namespace Marquee.Media.Ladder;

/// <summary>
/// A standard picture box, long side × short side: 426×240, 640×360, 854×480, 1280×720, 1920×1080, 2560×1440 and
/// 3840×2160. Rungs are made to fit within boxes (as Apple's HLS authoring guidance and large services define them),
/// so a 1920×800 scope film's 1080p rung is 1920×800, not 2592×1080; and a plan's quality limit ("up to 480p") is
/// the box of that many lines. Portrait pictures fit a box turned on its side.
/// </summary>
public readonly record struct PictureBox(int LongSide, int ShortSide)
{
    public static IReadOnlyList<PictureBox> Standard { get; } =
    [
        new(426, 240), new(640, 360), new(854, 480), new(1280, 720), new(1920, 1080), new(2560, 1440), new(3840, 2160),
    ];

    /// <summary>The box a limit of <paramref name="lines"/> names: a standard box, or 16:9 of that many lines.</summary>
    public static PictureBox ForLines(int lines)
    {
        foreach (var box in Standard)
        {
            if (box.ShortSide == lines)
            {
                return box;
            }
        }

        return new PictureBox((int)Math.Ceiling(lines * 16.0 / 9), lines);
    }

    /// <summary>Whether a picture of <paramref name="width"/>×<paramref name="height"/> fits, in either orientation.</summary>
    public bool Contains(int width, int height) => Math.Max(width, height) <= LongSide && Math.Min(width, height) <= ShortSide;
}
