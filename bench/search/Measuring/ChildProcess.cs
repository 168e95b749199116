using System.Collections.Concurrent;
using System.Diagnostics;

namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// A server the bench starts (the origin, the FTS5 reference): its output goes to a log file and is kept in memory
/// for the report; it is killed with its children when disposed, and by <see cref="KillAll"/> when the bench is
/// interrupted or exits any other way.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<string> _lines = [];
    private readonly Stopwatch _sinceStart;

    private ChildProcess(string name, Process process, StreamWriter log, Stopwatch sinceStart)
    {
        Name = name;
        _process = process;
        _log = log;
        _sinceStart = sinceStart;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingFolder, string logPath)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingFolder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        var child = new ChildProcess(name, process, log, clock);
        Running[process.Id] = child;
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Polls <paramref name="health"/> until it answers 200; the time is from process start, so it includes the runtime's start and everything the server loads first.</summary>
    public async Task<TimeSpan> WaitReadyAsync(HttpClient http, Uri health, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Tail(15)}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return _sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_sinceStart.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready after {timeout.TotalSeconds:0} s:\n{Tail(15)}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The first line of output containing <paramref name="text"/>, if any so far.</summary>
    public string? FirstLineWith(string text)
    {
        lock (_lines)
        {
            return _lines.Find(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public string Tail(int count)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.TakeLast(count).Select(l => "  | " + l));
        }
    }

    public static void KillAll()
    {
        foreach (var child in Running.Values)
        {
            child.Dispose();
        }
    }

    public void Dispose()
    {
        if (!Running.TryRemove(_process.Id, out _))
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        lock (_lines)
        {
            _log.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            if (_lines.Count < 100_000)
            {
                _lines.Add(line);
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives while the process is being killed.
            }
        }
    }
}
