namespace Marquee.Media.Packaging;

/// <summary>A WebVTT subtitle file in the package: language (BCP 47, e.g. <c>en</c>) and display name.</summary>
public sealed record SubtitleTrack(string Language, string Name);
