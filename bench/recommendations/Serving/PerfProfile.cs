using System.Diagnostics;
using System.Globalization;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// Where the origin's time goes: <c>perf record -g</c> of the origin process while browse is under load, then perf
/// report's top symbols, by self time and inclusive of callees. The origin then runs with DOTNET_PerfMapEnabled=1 so
/// perf can name JIT-compiled .NET methods.
/// </summary>
internal static class PerfProfile
{
    public static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        // Otherwise JIT code sits in an anonymous double mapping that perf cannot attribute.
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>Records <paramref name="pid"/> for <paramref name="seconds"/>; returns the report's text, or why there is none.</summary>
    public static async Task<string> RecordAsync(int pid, int seconds, string dataPath, CancellationToken cancellationToken)
    {
        var (code, _, error) = await RunAsync(
            ["record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dataPath, "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        if (code != 0)
        {
            return $"perf record failed ({code}): {error.Trim()}";
        }

        var (_, self, _) = await RunAsync(["report", "-i", dataPath, "--no-children", "-g", "none", "--sort", "symbol", "--stdio"], cancellationToken);
        var (_, inclusive, _) = await RunAsync(["report", "-i", dataPath, "--children", "-g", "none", "--sort", "symbol", "--stdio"], cancellationToken);
        static IEnumerable<string> Top(string report, int n) =>
            report.Split('\n').Where(l => l.TrimStart().Length > 0 && char.IsDigit(l.TrimStart()[0])).Take(n).Select(l => l.TrimEnd());
        return string.Join('\n', ["== self time, top 30 ==", .. Top(self, 30), "", "== inclusive of callees, top 60 ==", .. Top(inclusive, 60)]);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", "perf is not installed: " + e.Message);
        }
    }
}
