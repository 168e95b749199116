using System.Globalization;
using System.Text;
using Marquee.Media.Ladder;

namespace Marquee.Media.Artwork;

/// <summary>
/// The WebVTT index of the seek-preview sprites: one cue per thumbnail, pointing at its tile with a media
/// fragment (<c>sprite-001.jpg#xywh=160,0,160,90</c>), the convention players such as Video.js and JW use.
/// </summary>
public static class TrickplayIndex
{
    public static string Write(TrickplayPlan plan, TimeSpan duration, int spriteCount)
    {
        var thumbs = Math.Min((int)Math.Ceiling(duration.TotalSeconds / plan.IntervalSeconds), spriteCount * plan.PerSheet);
        var text = new StringBuilder("WEBVTT\n");
        for (var i = 0; i < thumbs; i++)
        {
            var start = TimeSpan.FromSeconds(i * plan.IntervalSeconds);
            var end = TimeSpan.FromSeconds(Math.Min((i + 1) * plan.IntervalSeconds, duration.TotalSeconds));
            var sheet = (i / plan.PerSheet) + 1;
            var cell = i % plan.PerSheet;
            var x = cell % plan.Columns * plan.ThumbWidth;
            var y = cell / plan.Columns * plan.ThumbHeight;
            text.Append(CultureInfo.InvariantCulture,
                $"\n{Stamp(start)} --> {Stamp(end)}\n{Transcoding.OutputLayout.TrickplaySprite(sheet)}#xywh={x},{y},{plan.ThumbWidth},{plan.ThumbHeight}\n");
        }

        return text.ToString();
    }

    private static string Stamp(TimeSpan t) => t.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
