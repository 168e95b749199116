using Marquee.Origin.Discovery;
using Marquee.Origin.Discovery.Model;

namespace Marquee.Origin.Community;

/// <summary>
/// What one profile told us it thinks of titles, for matching people: its thumbs (love, up, down) and what it finished.
/// Only these count: starting something says little about a person's taste, and matching people on it would be noise.
/// </summary>
internal static class TasteVector
{
    public static float? Weight(TitleSignals s, long nowMs) => s.Rating is not null || s.Finished > 0 ? s.Weight(nowMs) : null;

    /// <summary>The weights of one profile's titles, from <see cref="SignalReader"/>'s signals.</summary>
    public static Dictionary<string, float> Of(IReadOnlyDictionary<string, TitleSignals> signals, long nowMs)
    {
        var vector = new Dictionary<string, float>();
        foreach (var (title, s) in signals)
        {
            if (Weight(s, nowMs) is { } w)
            {
                vector[title] = w;
            }
        }

        return vector;
    }
}
