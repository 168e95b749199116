using System.Diagnostics;

namespace Marquee.Bench.Transcode;

/// <summary>
/// Runs ffmpeg with an argument list and times it from process start to exit. The library's own runner is
/// internal; this one is smaller (no stall watchdog) and keeps all of standard error, which the SSIM filter
/// reports on. Standard output (the encoders' <c>-progress pipe:1</c>) is drained and dropped.
/// </summary>
internal static class Ffmpeg
{
    public static async Task<FfmpegRun> RunAsync(string ffmpegPath, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            clock.Stop();
            await stdout;
            return new FfmpegRun(process.ExitCode, await stderr, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>The version word of <c>ffmpeg -version</c>'s first line, e.g. <c>5.1.9-0+deb12u1</c>.</summary>
    public static async Task<string> VersionAsync(string ffmpegPath, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(ffmpegPath, "-version")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start '{ffmpegPath}'.");
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var words = text.Split('\n', 2)[0].Split(' ');
        return words.Length > 2 && words[0] == "ffmpeg" && words[1] == "version" ? words[2] : "unknown";
    }

    /// <summary>Runs ffmpeg and throws, with its last words, unless it exits 0.</summary>
    public static async Task<FfmpegRun> RunCheckedAsync(string ffmpegPath, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var run = await RunAsync(ffmpegPath, arguments, cancellationToken);
        if (run.ExitCode != 0)
        {
            var tail = string.Join('\n', run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
            throw new InvalidOperationException($"ffmpeg failed ({what}), exit {run.ExitCode}:\n{tail}");
        }

        return run;
    }
}
