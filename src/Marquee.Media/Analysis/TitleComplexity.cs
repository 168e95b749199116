namespace Marquee.Media.Analysis;

/// <summary>
/// What the analysis pass measured: the bitrate its fixed-quality encode needed, and that bitrate restated for a
/// picture filling the 360p box at 30 fps (<see cref="Kbps"/>), the figure the ladder's bitrates are scaled by.
/// </summary>
/// <param name="Kbps">Kbps a full 640×360 picture at 30 fps needs at the probe's fixed quality: the title's complexity.</param>
/// <param name="MeasuredKbps">Kbps the probe's own encode produced, at its own size and frame rate.</param>
/// <param name="Width">The probe's picture width.</param>
/// <param name="Height">The probe's picture height.</param>
/// <param name="Samples">How many scenes were encoded.</param>
/// <param name="SampledSeconds">How much video was encoded, from the frames the encoder wrote.</param>
/// <param name="Elapsed">Wall time of the pass.</param>
public sealed record TitleComplexity(
    double Kbps,
    double MeasuredKbps,
    int Width,
    int Height,
    int Samples,
    double SampledSeconds,
    TimeSpan Elapsed);
