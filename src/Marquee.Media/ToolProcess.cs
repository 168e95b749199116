using System.Diagnostics;
using System.Text;

namespace Marquee.Media;

/// <summary>
/// Runs ffmpeg or ffprobe: arguments as a list (never a shell string), no standard input, standard output
/// handed line by line to the caller, the tail of standard error kept for error messages. A process that
/// prints nothing for <c>stallTimeout</c>, or whose caller cancels, is killed.
/// </summary>
internal static class ToolProcess
{
    private const int StderrTailLines = 30;

    public static async Task<ToolResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        Action<string>? onStdoutLine,
        TimeSpan stallTimeout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
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
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': {e.Message}. Is ffmpeg installed?", e);
        }

        process.StandardInput.Close();
        var lastActivity = Stopwatch.StartNew();
        var stdout = new StringBuilder();
        var stderrTail = new Queue<string>();
        var stdoutTask = PumpAsync(process.StandardOutput, line =>
        {
            lastActivity.Restart();
            if (onStdoutLine is null)
            {
                stdout.AppendLine(line);
            }
            else
            {
                onStdoutLine(line);
            }
        });
        var stderrTask = PumpAsync(process.StandardError, line =>
        {
            lastActivity.Restart();
            lock (stderrTail)
            {
                stderrTail.Enqueue(line);
                if (stderrTail.Count > StderrTailLines)
                {
                    stderrTail.Dequeue();
                }
            }
        });

        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            while (!exited.IsCompleted)
            {
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
                if (!exited.IsCompleted && lastActivity.Elapsed > stallTimeout)
                {
                    Kill(process);
                    throw new TimeoutException($"{Path.GetFileName(fileName)} printed nothing for {stallTimeout.TotalSeconds:0} s and was stopped.");
                }
            }

            await exited;
            await Task.WhenAll(stdoutTask, stderrTask);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        string tail;
        lock (stderrTail)
        {
            tail = string.Join('\n', stderrTail);
        }

        return new ToolResult(process.ExitCode, stdout.ToString(), tail);
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
