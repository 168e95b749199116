using System.Diagnostics;
using System.Text;

namespace Marquee.TestSupport;

/// <summary>Runs a Node.js script from tests/js (where the real protocol peers are installed) and collects its output.</summary>
public static class NodeScript
{
    /// <summary>
    /// Runs <c>node SCRIPT ARGS…</c> in <see cref="TestPaths.NodeTools"/>. Arguments go through ArgumentList, never a
    /// shell. A script still running after <paramref name="timeout"/> is killed with its children and the call
    /// throws <see cref="TimeoutException"/> with what it printed, so a hung client fails a test instead of hanging it.
    /// </summary>
    public static Task<NodeScriptResult> RunAsync(
        string script, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(script, arguments, timeout, null, cancellationToken);

    /// <summary>As above, with <paramref name="environment"/> added to the script's environment (and no one else's).</summary>
    public static async Task<NodeScriptResult> RunAsync(
        string script, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Path.Combine(TestPaths.NodeTools, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{TestPaths.NodeTools}/node_modules is missing: run `npm ci` there (./marquee test does it).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestPaths.NodeTools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, stdout);
        var readErr = PumpAsync(process.StandardError, stderr);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(readOut, readErr);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"node {script} did not finish within {timeout}.\nstdout:\n{Snapshot(stdout)}\nstderr:\n{Snapshot(stderr)}");
        }

        await Task.WhenAll(readOut, readErr);
        var lines = Snapshot(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new NodeScriptResult(process.ExitCode, lines, Snapshot(stderr));
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
