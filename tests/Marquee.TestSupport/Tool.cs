using System.Diagnostics;

namespace Marquee.TestSupport;

/// <summary>Runs ffprobe/ffmpeg/node from tests and returns standard output; throws with standard error on failure.</summary>
public static class Tool
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> OutputAsync(string fileName, params string[] arguments)
    {
        var (code, stdout, stderr) = await RunAsync(fileName, arguments);
        return code == 0 ? stdout : throw new InvalidOperationException($"{fileName} exited {code}: {stderr}");
    }
}
