namespace Marquee.Media.Transcoding;

/// <summary>Where an encode is: percent of the source done and speed as a multiple of real time.</summary>
public readonly record struct EncodeProgress(double Percent, double Speed);
