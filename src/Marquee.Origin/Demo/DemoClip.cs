namespace Marquee.Origin.Demo;

/// <summary>One invented title of the demo catalog and the ffmpeg source that draws its picture.</summary>
/// <param name="Countries">Where it is licensed; null means everywhere.</param>
/// <param name="Sar">Pixel aspect as a ratio with a slash (<c>64/45</c>): a colon would separate filter options.</param>
internal sealed record DemoClip(
    string Title,
    string Synopsis,
    string[] Genres,
    int Year,
    string Video,
    int Seconds,
    int? ToneHz,
    bool Free = false,
    int Maturity = 7,
    string? Sar = null,
    string[]? Countries = null);
