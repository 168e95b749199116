namespace Marquee.TestSupport;

/// <summary>A synthetic clip for tests: size, rate, length, audio, rotation metadata, pixel aspect, variable rate.</summary>
public sealed record ClipSpec(
    int Width = 320,
    int Height = 180,
    int Fps = 30,
    double Seconds = 6,
    bool Audio = true,
    int Rotate = 0,
    string Sar = "1:1",
    bool VariableFrameRate = false,
    string Container = "mp4",
    string Source = "testsrc2");
