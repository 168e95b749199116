namespace Marquee.Media.Ladder;

/// <summary>One rendition of the ladder. <see cref="Name"/> is the short side in lines, e.g. <c>720p</c>.</summary>
public sealed record Rung(int Width, int Height, int VideoKbps, int MaxKbps, int BufferKbits)
{
    public int ShortSide => Math.Min(Width, Height);

    public string Name => $"{ShortSide}p";

    /// <summary>
    /// A rung at <paramref name="kbps"/> with the VBV every rung gets: peaks up to 1.5× the rate and a buffer of 3×
    /// (about 3 s), so a 4 s segment never needs much more than its share of the bandwidth.
    /// </summary>
    public static Rung WithRate(int width, int height, int kbps) => new(width, height, kbps, kbps * 3 / 2, kbps * 3);
}
