namespace Marquee.Bench.Eviction;

/// <summary>
/// The rungs and object sizes of a packaged title, as Marquee.Media produces them: CMAF over HLS, 4 s segments,
/// video rungs at LadderPlanner's bitrates (240p 400k … 1080p 5M), audio as its own 128k track. Sizes checked against
/// real packaged demo titles: 240p ≈ 185–210 KB, 360p ≈ 370–430 KB, 480p ≈ 650–755 KB, 720p ≈ 1.3–1.55 MB per segment,
/// audio ≈ 64–66 KB, init segments ≈ 0.8 KB, media playlists ≈ 34 bytes per segment.
/// </summary>
internal static class Ladder
{
    public const double SegmentSeconds = 4;

    public const int AudioKbps = 128;

    public static readonly int[] Heights = [240, 360, 480, 720, 1080];

    public static readonly int[] VideoKbps = [400, 800, 1400, 2800, 5000];

    public static long NominalSegmentBytes(int kbps) => (long)(kbps * 1000 / 8 * SegmentSeconds);
}
