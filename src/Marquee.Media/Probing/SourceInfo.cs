namespace Marquee.Media.Probing;

/// <summary>
/// A source that passed every check, described as the viewer will see it: display width and height after
/// rotation and pixel aspect are applied, the frame rate to encode at, and which streams to use.
/// </summary>
public sealed record SourceInfo(
    string Container,
    TimeSpan Duration,
    int DisplayWidth,
    int DisplayHeight,
    double FrameRate,
    bool VariableFrameRate,
    int VideoStreamIndex,
    int? AudioStreamIndex,
    int Rotation);
