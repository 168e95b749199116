using Marquee.Bench.Edge;
using System.Diagnostics;

namespace Marquee.Bench.Scale;

/// <summary>
/// A long-running child (an origin, redis-server, haproxy) whose output goes to a log file, stopped and waited for
/// on dispose.
/// </summary>
internal sealed class Daemon : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private Daemon(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
    }

    public int Pid => process.Id;

    public string Name { get; private init; } = "";

    public bool HasExited => process.HasExited;

    public static Daemon Start(string name, string file, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Daemon(process, log) { Name = name };
    }

    public double CpuSeconds() => ProcessCpu.Seconds(ProcessCpu.WithChildren(process.Id));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process wrote its last line as it was being stopped.
            }
        }
    }
}
