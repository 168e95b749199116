namespace Marquee.Bench.Party.Simulation;

/// <summary>
/// A simulated video player in true time: a position that advances at its playback rate while playing and not
/// stalled. Every change re-anchors, so the position at any true instant is exact, whenever it is read.
/// </summary>
internal sealed class Player
{
    private double _anchorMs;
    private double _anchorPosition;

    public bool Playing { get; private set; }

    public double Rate { get; private set; } = 1;

    /// <summary>Buffering until this true time (ms); the position does not move meanwhile.</summary>
    public double StalledUntilMs { get; private set; }

    public bool Stalled(double nowMs) => nowMs < StalledUntilMs;

    /// <summary>Position in seconds at true time <paramref name="nowMs"/> (not before the last change).</summary>
    public double Position(double nowMs)
    {
        if (!Playing)
        {
            return _anchorPosition;
        }

        // Frozen from the anchor (set when the stall began) until the stall ends, then moving again.
        var movingFrom = Math.Max(_anchorMs, StalledUntilMs);
        return nowMs <= movingFrom ? _anchorPosition : _anchorPosition + ((nowMs - movingFrom) / 1000 * Rate);
    }

    public void Set(double nowMs, bool playing, double position, double rate)
    {
        Reanchor(nowMs);
        Playing = playing;
        _anchorPosition = Math.Max(0, position);
        Rate = rate;
    }

    public void Seek(double nowMs, double position)
    {
        Reanchor(nowMs);
        _anchorPosition = Math.Max(0, position);
    }

    public void SetRate(double nowMs, double rate)
    {
        Reanchor(nowMs);
        Rate = rate;
    }

    public void Stall(double nowMs, double untilMs)
    {
        Reanchor(nowMs);
        StalledUntilMs = Math.Max(StalledUntilMs, untilMs);
    }

    private void Reanchor(double nowMs)
    {
        _anchorPosition = Position(nowMs);
        _anchorMs = nowMs;
    }
}
