namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// One title in one generated profile's history: when it was last touched, how far they got (a share of the
/// runtime), how often they started it, and their thumbs (-1, 1, 2) if any.
/// </summary>
internal readonly record struct HistoryEvent(int Title, long AtMs, double Fraction, int Starts, int? Rating);
