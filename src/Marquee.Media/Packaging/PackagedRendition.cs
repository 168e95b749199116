namespace Marquee.Media.Packaging;

/// <summary>One video rendition as packaged: its playlist, size, codec string and measured bandwidth.</summary>
public sealed record PackagedRendition(string Playlist, int Width, int Height, string Codecs, RenditionStats Stats);
