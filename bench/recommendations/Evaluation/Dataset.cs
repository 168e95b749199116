using Marquee.Origin.Discovery;
using Marquee.Origin.Discovery.Model;

namespace Marquee.Bench.Recommendations.Evaluation;

/// <summary>One recorded event as the service keeps them: a playback start, a progress report, or a rating.</summary>
internal readonly record struct ViewingEvent(int Profile, int Title, long AtMs, double Fraction, RatingValue? Rating, bool IsStart);

/// <summary>What a title is in the generated catalog, and which planted group it belongs to.</summary>
internal enum TitleGroup
{
    Cluster,
    Popular,
    OneHit,
    ColdStart,
}

internal sealed record Dataset(
    IReadOnlyList<TitleFeatures> Titles,
    IReadOnlyList<TitleGroup> Groups,
    int Profiles,
    IReadOnlyList<ViewingEvent> Events,
    long NowMs)
{
    /// <summary>Folds events into one <see cref="TitleSignals"/> per (profile, title), as the origin's signal reader does.</summary>
    public static Dictionary<(int Profile, int Title), TitleSignals> Fold(IEnumerable<ViewingEvent> events)
    {
        var signals = new Dictionary<(int, int), TitleSignals>();
        foreach (var e in events)
        {
            var s = signals.GetValueOrDefault((e.Profile, e.Title));
            s = e.Rating is { } rating ? s with { Rating = rating }
                : e.IsStart ? s with { Starts = s.Starts + 1 }
                : s with { BestFraction = Math.Max(s.BestFraction, e.Fraction), Finished = s.Finished + (e.Fraction >= 0.95 && s.BestFraction < 0.95 ? 1 : 0) };
            signals[(e.Profile, e.Title)] = s with { LastAtMs = Math.Max(s.LastAtMs, e.AtMs) };
        }

        return signals;
    }
}
