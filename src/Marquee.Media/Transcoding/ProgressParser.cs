using System.Globalization;

namespace Marquee.Media.Transcoding;

/// <summary>Reads ffmpeg's <c>-progress</c> key=value lines and turns each block into an <see cref="EncodeProgress"/>.</summary>
public sealed class ProgressParser(TimeSpan duration)
{
    private double outTimeSeconds;
    private double speed;

    /// <summary>Feeds one line; returns a progress report when the line closes a block.</summary>
    public EncodeProgress? Feed(string line)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return null;
        }

        var key = line.AsSpan(0, eq);
        var value = line.AsSpan(eq + 1).Trim();
        if (key.SequenceEqual("out_time_us") && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0)
        {
            outTimeSeconds = us / 1_000_000.0;
        }
        else if (key.SequenceEqual("speed") && double.TryParse(value.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            speed = s;
        }
        else if (key.SequenceEqual("progress"))
        {
            if (value.SequenceEqual("end"))
            {
                return new EncodeProgress(100, speed);
            }

            // The trickplay branch's timestamps can run ahead of the video; never report done before ffmpeg says so.
            var percent = duration > TimeSpan.Zero ? Math.Min(99.0, outTimeSeconds / duration.TotalSeconds * 100) : 0;
            return new EncodeProgress(Math.Round(percent, 1), speed);
        }

        return null;
    }
}
