namespace Marquee.Media.Probing;

/// <summary>One stream as ffprobe reported it, reduced to what ingest decides on.</summary>
public sealed record ProbeTrack(
    int Index,
    string CodecType,
    string? CodecName,
    int Width,
    int Height,
    int SampleAspectNum,
    int SampleAspectDen,
    int Rotation,
    double AverageFrameRate,
    double RealFrameRate,
    long FrameCount,
    bool IsAttachedPicture,
    int Channels,
    string? Language);
