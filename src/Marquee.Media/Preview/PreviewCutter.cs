using Marquee.Media.Transcoding;
using Microsoft.Extensions.Logging;

namespace Marquee.Media.Preview;

/// <summary>
/// Runs the preview's ffmpeg command. The preview is for shared links, not for playback: when ffmpeg cannot cut it,
/// the title still publishes, without a preview (no <c>preview.mp4</c> in the package, and the catalog says so).
/// Only cancellation goes on up.
/// </summary>
public sealed partial class PreviewCutter(FfmpegOptions options, ILogger logger)
{
    /// <returns>Whether <paramref name="previewFile"/> was written.</returns>
    public async Task<bool> CutAsync(
        IReadOnlyList<string> arguments, PreviewPlan plan, string previewFile, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
    {
        var parser = new ProgressParser(plan.Length);
        try
        {
            var result = await ToolProcess.RunAsync(options.FfmpegPath, arguments, line =>
            {
                if (parser.Feed(line) is { } p)
                {
                    progress?.Report(p);
                }
            }, options.StallTimeout, cancellationToken);
            if (result.ExitCode == 0 && File.Exists(previewFile) && new FileInfo(previewFile).Length > 0)
            {
                LogCut(logger, plan.Length.TotalSeconds, plan.Start.TotalSeconds, plan.Width, plan.Height, new FileInfo(previewFile).Length);
                return true;
            }

            LogFailed(logger, result.StderrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no details");
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            LogFailed(logger, e.Message);
        }

        File.Delete(previewFile);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Preview: {Length:0.0} s from {Start:0.0} s at {Width}x{Height}, {Bytes} bytes")]
    private static partial void LogCut(ILogger logger, double length, double start, int width, int height, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The preview clip could not be cut ({Reason}); the package has no preview")]
    private static partial void LogFailed(ILogger logger, string reason);
}
