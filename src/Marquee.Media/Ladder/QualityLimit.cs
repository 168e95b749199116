namespace Marquee.Media.Ladder;

/// <summary>
/// Which video renditions a plan's quality limit lets a viewer have: those that fit within the box of its lines
/// (<see cref="PictureBox.ForLines"/>), or, when none does, only the smallest one, so every viewer gets a picture.
/// A limit of 0 allows everything. The one rule for the playlists a viewer receives and for the edge's refusal
/// of everything else, so the two can never disagree.
/// </summary>
public static class QualityLimit
{
    /// <param name="smallest">The package's smallest video rendition (by area).</param>
    public static bool Allows(int maxLines, (int Width, int Height) rendition, (int Width, int Height) smallest)
    {
        if (maxLines <= 0)
        {
            return true;
        }

        var box = PictureBox.ForLines(maxLines);
        return box.Contains(rendition.Width, rendition.Height)
            || (!box.Contains(smallest.Width, smallest.Height) && rendition == smallest);
    }

    /// <summary>The smallest of <paramref name="renditions"/> by area (then by height); (0, 0) for none.</summary>
    public static (int Width, int Height) Smallest(IEnumerable<(int Width, int Height)> renditions)
    {
        (int Width, int Height) smallest = (0, 0);
        var first = true;
        foreach (var r in renditions)
        {
            if (first || (long)r.Width * r.Height < (long)smallest.Width * smallest.Height
                || ((long)r.Width * r.Height == (long)smallest.Width * smallest.Height && r.Height < smallest.Height))
            {
                smallest = r;
                first = false;
            }
        }

        return smallest;
    }
}
