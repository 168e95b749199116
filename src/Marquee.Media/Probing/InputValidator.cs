using Microsoft.Extensions.Options;

namespace Marquee.Media.Probing;

/// <summary>Decides whether a probed file may be transcoded, and describes it for the ladder if so.</summary>
public sealed class InputValidator(IOptions<InputLimits> options)
{
    /// <summary>Below this, a file claims more duration than its bytes can carry (bits per second).</summary>
    private const double MinPlausibleBitsPerSecond = 2_000;

    /// <summary>Wider than cinema's widest (2.76:1) with room to spare; beyond it the pixel aspect is almost surely broken.</summary>
    private const int MaxAspectRatio = 5;

    public SourceInfo Validate(ProbeResult probe, long fileBytes)
    {
        var limits = options.Value;
        if (fileBytes == 0)
        {
            throw Refuse(InputRefusal.Empty());
        }

        if (fileBytes > limits.MaxBytes)
        {
            throw Refuse(InputRefusal.TooLarge(fileBytes, limits.MaxBytes));
        }

        var formats = probe.FormatName.Split(',');
        if (!formats.Any(f => limits.AllowedContainers.Contains(f, StringComparer.OrdinalIgnoreCase)))
        {
            throw Refuse(InputRefusal.ContainerNotAllowed(probe.FormatName));
        }

        if (probe.Streams.Count > limits.MaxStreams)
        {
            throw Refuse(InputRefusal.Limit("too-many-streams", "The file has too many streams",
                $"The file has {probe.Streams.Count} streams; the limit is {limits.MaxStreams}."));
        }

        var video = probe.Streams.FirstOrDefault(s => s.CodecType == "video" && !s.IsAttachedPicture);
        if (video is null || video.Width <= 0 || video.Height <= 0)
        {
            throw Refuse(InputRefusal.NoVideo());
        }

        if (video.Width > limits.MaxWidth || video.Height > limits.MaxHeight)
        {
            throw Refuse(InputRefusal.Limit("resolution-too-large", "The picture is too large",
                $"The video is {video.Width}×{video.Height}; the limit is {limits.MaxWidth}×{limits.MaxHeight}."));
        }

        if (probe.Duration <= TimeSpan.Zero || video.FrameCount == 1)
        {
            throw Refuse(InputRefusal.StillImage());
        }

        if (probe.Duration > limits.MaxDuration)
        {
            throw Refuse(InputRefusal.Limit("too-long", "The video is too long",
                $"The video claims to last {probe.Duration:hh\\:mm\\:ss}; the limit is {limits.MaxDuration:hh\\:mm\\:ss}."));
        }

        if (fileBytes * 8 / probe.Duration.TotalSeconds < MinPlausibleBitsPerSecond)
        {
            throw Refuse(InputRefusal.Limit("implausible-duration", "The file is too small for its duration",
                $"The file claims to last {probe.Duration:hh\\:mm\\:ss} but holds only {fileBytes:N0} bytes."));
        }

        var rate = video.AverageFrameRate > 0 ? video.AverageFrameRate : video.RealFrameRate;
        if (rate > limits.MaxFrameRate)
        {
            throw Refuse(InputRefusal.Limit("frame-rate-too-high", "The frame rate is too high",
                $"The video runs at {rate:0.##} frames per second; the limit is {limits.MaxFrameRate:0.##}."));
        }

        if (rate <= 0)
        {
            rate = 25;
        }

        var variable = video.RealFrameRate > 0 && Math.Abs(video.RealFrameRate - video.AverageFrameRate) > 0.01;
        var (width, height) = DisplaySize(video);
        if (width > Math.Max(limits.MaxWidth, limits.MaxHeight) || height > Math.Max(limits.MaxWidth, limits.MaxHeight))
        {
            throw Refuse(InputRefusal.Limit("resolution-too-large", "The picture is too large",
                $"With its pixel aspect ratio the video displays at {width}×{height}; the limit is {limits.MaxWidth}×{limits.MaxHeight}."));
        }

        if (Math.Max(width, height) > MaxAspectRatio * Math.Min(width, height))
        {
            throw Refuse(InputRefusal.Limit("aspect-ratio", "The picture's shape is not supported",
                $"The video displays at {width}×{height}, more than {MaxAspectRatio}:1; the pixel aspect ratio is probably wrong."));
        }

        var audio = probe.Streams.FirstOrDefault(s => s.CodecType == "audio" && s.Channels > 0);
        return new SourceInfo(formats[0], probe.Duration, width, height, rate, variable, video.Index, audio?.Index, video.Rotation);
    }

    /// <summary>The picture as shown: pixel aspect applied to the width, then rotated by quarter turns.</summary>
    internal static (int Width, int Height) DisplaySize(ProbeTrack video)
    {
        var width = (int)Math.Round(video.Width * (double)video.SampleAspectNum / video.SampleAspectDen);
        var height = video.Height;
        return video.Rotation is 90 or 270 ? (height, width) : (width, height);
    }

    private static InputRefusedException Refuse(InputRefusal refusal) => new(refusal);
}
