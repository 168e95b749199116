namespace Marquee.Media.Ladder;

/// <summary>Seek-preview thumbnails: one every <see cref="IntervalSeconds"/>, tiled Columns×Rows per sprite sheet.</summary>
public sealed record TrickplayPlan(int IntervalSeconds, int ThumbWidth, int ThumbHeight, int Columns, int Rows)
{
    public int PerSheet => Columns * Rows;
}
