using Marquee.Media.Artwork;
using Marquee.Media.Ladder;

namespace Marquee.Media.Preview;

/// <summary>
/// What the public preview clip (<c>preview.mp4</c>) holds: which part of the video, at what size and bitrate. A short
/// source (an operator's trailer, a clip) is used whole; a longer one gives <see cref="ClipLength"/> starting a little
/// before the poster frame, past the opening titles. The picture is the ladder's largest rung within the 720p box
/// (same rounding, never upscaled), and the bitrate comes from the length so the file stays under
/// <see cref="MaxBytes"/> whatever the length.
/// </summary>
public sealed record PreviewPlan(TimeSpan Start, TimeSpan Length, int Width, int Height, int VideoKbps, int MaxKbps, int BufferKbits, int AudioKbps)
{
    /// <summary>Sources up to this long are their own preview: a trailer is meant to be seen whole.</summary>
    public static readonly TimeSpan WholeUpTo = TimeSpan.FromSeconds(150);

    public static readonly TimeSpan ClipLength = TimeSpan.FromSeconds(30);

    /// <summary>How far before the poster frame the clip starts, so the frame people saw on the card is in it.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(10);

    /// <summary>The ceiling a preview must stay under (social clients refuse or skip larger video files).</summary>
    public const long MaxBytes = 20_000_000;

    /// <summary>
    /// The share of <see cref="MaxBytes"/> the bitrates aim for: the rest covers the MP4 container and the VBV
    /// buffer the encoder may still spend beyond the average (at most <see cref="BufferSeconds"/> of the peak rate).
    /// </summary>
    private const double Budget = 0.9;

    private const int BufferSeconds = 2;

    private const int PreviewAudioKbps = 128;

    /// <summary>Below this a 720p picture falls apart; only a source near 150 s with a small budget comes close.</summary>
    private const int MinVideoKbps = 300;

    public static PreviewPlan For(TimeSpan duration, EncodingLadder ladder, TimeSpan posterAt)
    {
        var (start, length) = Window(duration, posterAt);
        var rung = PosterPicker.PosterRung(ladder);
        var audio = ladder.HasAudio ? PreviewAudioKbps : 0;

        // Total bits the file may hold, spread over its length; the peak rate is capped there too, so even content that
        // needs more than the average cannot push the file past the ceiling (only the buffer can overshoot, and that
        // is inside the headroom).
        var seconds = Math.Max(1, length.TotalSeconds);
        var budgetKbps = (int)(MaxBytes * 8 * Budget / 1000 / (seconds + BufferSeconds)) - audio;
        var max = Math.Max(MinVideoKbps, Math.Min(rung.MaxKbps, budgetKbps));
        var video = Math.Min(rung.VideoKbps, max);
        return new PreviewPlan(start, length, rung.Width, rung.Height, video, max, max * BufferSeconds, audio);
    }

    /// <summary>
    /// The part of the source: whole up to <see cref="WholeUpTo"/>; otherwise <see cref="ClipLength"/> from
    /// <see cref="LeadIn"/> before the poster frame (20 % in when there is none), never before 10 % (the opening)
    /// and never running past the end.
    /// </summary>
    internal static (TimeSpan Start, TimeSpan Length) Window(TimeSpan duration, TimeSpan posterAt)
    {
        if (duration <= WholeUpTo)
        {
            return (TimeSpan.Zero, duration);
        }

        var wanted = posterAt > TimeSpan.Zero ? posterAt - LeadIn : duration * 0.2;
        var earliest = duration * 0.1;
        var latest = duration - ClipLength;
        var start = wanted < earliest ? earliest : wanted > latest ? latest : wanted;
        return (start, ClipLength);
    }
}
