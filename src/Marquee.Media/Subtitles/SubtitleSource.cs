namespace Marquee.Media.Subtitles;

/// <summary>A sidecar subtitle file (.srt or .vtt) at a server-generated path, with its language.</summary>
public sealed record SubtitleSource(string Path, string Language, string Name);
