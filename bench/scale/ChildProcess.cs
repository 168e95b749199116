using System.Diagnostics;

namespace Marquee.Bench.Scale;

/// <summary>Runs a tool with an argument list (never a shell) and returns its exit code and output.</summary>
internal static class ChildProcess
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(file, arguments);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    public static Process Start(string file, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    }
}
