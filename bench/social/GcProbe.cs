using System.Globalization;

namespace Marquee.Bench.Social;

/// <summary>
/// The origin's garbage collection so far, from the runtime's instruments on its <c>/metrics</c> (Prometheus text):
/// total pause time and gen2 collections. Read around each round, so a round with a stall shows whether the
/// collector paused the origin then.
/// </summary>
internal sealed record GcProbe(double PauseSeconds, long Gen2)
{
    public static async Task<GcProbe?> ReadAsync(HttpClient http, Uri origin, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri(origin, "metrics"), cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        double pause = 0;
        long gen2 = 0;
        var found = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var name = line[..line.IndexOfAny(['{', ' '])];
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            if (name.Contains("gc_pause_time", StringComparison.Ordinal))
            {
                pause += number;
                found = true;
            }
            else if (name.Contains("gc_collections", StringComparison.Ordinal) && line.Contains("gen2", StringComparison.Ordinal))
            {
                gen2 += (long)number;
            }
        }

        return found ? new GcProbe(pause, gen2) : null;
    }

    /// <summary>"GC paused 12 ms, 1 gen2" between two readings, or nothing when the origin exports no GC figures.</summary>
    public static string Between(GcProbe? before, GcProbe? after) =>
        before is null || after is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"  GC paused {(after.PauseSeconds - before.PauseSeconds) * 1000,5:0} ms, {after.Gen2 - before.Gen2} gen2");
}
