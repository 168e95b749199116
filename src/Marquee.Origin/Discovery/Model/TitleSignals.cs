namespace Marquee.Origin.Discovery.Model;

/// <summary>
/// Everything one profile told us about one title (a movie, or a series as a whole): how often they started it, how
/// many of its playables (the movie, or episodes) they finished, the furthest share of one they reached, when they last
/// touched it, and their thumbs if any.
/// </summary>
public readonly record struct TitleSignals(int Starts, int Finished, double BestFraction, long LastAtMs, RatingValue? Rating)
{
    /// <summary>A start that got less than this far, and was left for <see cref="AbandonedAfterMs"/>, was abandoned.</summary>
    public const double AbandonedFraction = 0.1;

    public const long AbandonedAfterMs = 6 * 60 * 60 * 1000L;

    /// <summary>
    /// One confidence weight for the pair: positive for taste, negative for "not for me". Thumbs speak loudest (love
    /// 4, up 2.5, down −2); without them, finishing is strong evidence (each finished playable adds, up to eight
    /// episodes), watching part of it is some, starting again after finishing is rewatching, and a start abandoned
    /// early (under a tenth, untouched for six hours) is a weak negative.
    /// </summary>
    public float Weight(long nowMs)
    {
        switch (Rating)
        {
            case RatingValue.Down:
                return -2f;
            case RatingValue.Love:
                return 4f;
            case RatingValue.Up:
                return 2.5f;
        }

        if (Finished == 0 && BestFraction < AbandonedFraction)
        {
            // Just started: no evidence yet either way, until it is left alone long enough to count as abandoned.
            return nowMs - LastAtMs >= AbandonedAfterMs && Starts > 0 ? -0.3f : 0.2f;
        }

        var weight = 0.3f + (float)Math.Min(BestFraction, 1.0);
        weight += 0.5f * Math.Min(Finished, 8) / (Finished > 1 ? 2f : 1f);
        if (Finished > 0 && Starts > Finished + 1)
        {
            weight += 0.5f; // came back to it after finishing: a rewatch
        }

        return weight;
    }
}
