using System.Collections.Concurrent;
using System.Diagnostics;

namespace Marquee.Cli.Scale;

/// <summary>
/// One long-running service of <c>./marquee up --scale</c> (Redis, s3rver, haproxy, an origin, the worker) as a child
/// process. It is started through <c>setpriv --pdeathsig TERM</c>, so the kernel sends it SIGTERM when this process
/// dies, even by SIGKILL; as root, setpriv also drops it to its service user. Its output goes to a log file that the
/// shell opens before exec, so no pipe of ours has to be drained and the process id is the service's own.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServiceProcess(string name, Process process, string log)
    {
        Name = name;
        this.process = process;
        Log = log;
    }

    public string Name { get; }

    public string Log { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <param name="runAs">The service user to run as when we are root (null: stay this user).</param>
    public static ServiceProcess Start(string name, string program, IEnumerable<string> arguments, string log, string? runAs = null, IDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // "$0" is the log; the rest is setpriv's command line, passed as arguments so nothing is quoted by hand.
        foreach (var argument in new[] { "-c", "exec </dev/null >>\"$0\" 2>&1; exec \"$@\"", log, "setpriv", "--pdeathsig", "TERM" })
        {
            start.ArgumentList.Add(argument);
        }

        if (runAs is not null && ServiceUser.IsRoot)
        {
            foreach (var argument in new[] { "--reuid", runAs, "--regid", runAs, "--init-groups" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add("--");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(name, Launcher.Start(start), log);
    }

    /// <summary>The last lines of the log, for an error message.</summary>
    public string Tail(int lines = 8)
    {
        try
        {
            return string.Join('\n', File.ReadLines(Log).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>SIGTERM, the clean stop every one of these services understands; SIGKILL if it has not stopped after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        Terminate(process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
    }

    /// <summary>kill(1): .NET sends only SIGKILL, and interop would need unsafe code for one call.</summary>
    private static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true });
        kill?.StandardError.ReadToEnd();
        kill?.WaitForExit();
    }

    /// <summary>
    /// The parent-death signal is tied to the thread that forked the child, not the process: a child started from a
    /// thread-pool thread would get SIGTERM when that thread retires. Every service is forked from this one thread,
    /// which lives as long as the process.
    /// </summary>
    private static class Launcher
    {
        private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Done)> Queue = [];

        static Launcher()
        {
            new Thread(() =>
            {
                foreach (var (start, done) in Queue.GetConsumingEnumerable())
                {
                    try
                    {
                        done.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"));
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                }
            })
            { IsBackground = true, Name = "service launcher" }.Start();
        }

        public static Process Start(ProcessStartInfo start)
        {
            var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            Queue.Add((start, done));
            return done.Task.GetAwaiter().GetResult();
        }
    }
}
