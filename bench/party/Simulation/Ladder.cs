namespace Marquee.Bench.Party.Simulation;

/// <summary>
/// The contract's correction ladder: under 50 ms nothing; 50 ms to 2 s a playback rate within 0.95–1.05,
/// proportional to the drift (1 s time constant, so 50 ms and more is the full 5 %), kept until within 20 ms;
/// over 2 s a seek. A player that cannot change rate seeks instead.
/// </summary>
internal static class Ladder
{
    public const double IgnoreMs = 50;
    public const double DoneMs = 20;
    public const double SeekMs = 2000;
    public const double MaxRateChange = 0.05;

    public readonly record struct Step(bool Seek, double Rate, bool Correcting);

    /// <param name="driftMs">The player's position minus the group's expected one: positive is ahead.</param>
    public static Step Decide(double driftMs, bool correcting, double baseRate, bool canChangeRate = true)
    {
        var size = Math.Abs(driftMs);
        if (size > SeekMs || (!canChangeRate && size >= IgnoreMs))
        {
            return new Step(true, baseRate, false);
        }

        if (correcting ? size < DoneMs : size < IgnoreMs)
        {
            return new Step(false, baseRate, false);
        }

        var change = Math.Clamp(driftMs / 1000, -MaxRateChange, MaxRateChange);
        return new Step(false, baseRate * (1 - change), true);
    }
}
