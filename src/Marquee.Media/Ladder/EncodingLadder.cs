namespace Marquee.Media.Ladder;

/// <summary>
/// Everything the encoder needs to know about the outputs: rungs from smallest to largest, the common
/// display aspect ratio (so every rung belongs to one DASH adaptation set), frame rate and audio.
/// </summary>
public sealed record EncodingLadder(
    IReadOnlyList<Rung> Rungs,
    int AspectNum,
    int AspectDen,
    FrameRate FrameRate,
    bool HasAudio,
    int AudioKbps,
    TrickplayPlan Trickplay)
{
    /// <summary>The rung a player should start on: the middle of the ladder, leaning low.</summary>
    public int StartRungIndex => (Rungs.Count - 1) / 2;
}
