namespace Marquee.Media.Ladder;

/// <summary>One rendition of the ladder. <see cref="Name"/> is the short side in lines, e.g. <c>720p</c>.</summary>
public sealed record Rung(int Width, int Height, int VideoKbps, int MaxKbps, int BufferKbits)
{
    public int ShortSide => Math.Min(Width, Height);

    public string Name => $"{ShortSide}p";
}
