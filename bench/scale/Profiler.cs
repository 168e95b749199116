using Marquee.Bench.Edge;
using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>perf record -g of one process for a while, then the top of perf report (self time by symbol) as text.</summary>
internal static class Profiler
{
    public static async Task RecordAsync(int pid, TimeSpan duration, string pathWithoutExtension, CancellationToken cancellationToken)
    {
        var data = pathWithoutExtension + ".data";
        var (code, _, error) = await ChildProcess.RunAsync("perf",
            ["record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)], cancellationToken);
        if (code != 0)
        {
            await Console.Error.WriteLineAsync($"perf record failed ({code}): {error.Trim()}");
            return;
        }

        var (_, bySymbol, _) = await ChildProcess.RunAsync("perf", ["report", "-i", data, "--no-children", "-g", "none", "--sort", "symbol", "--stdio"], cancellationToken);
        var (_, withChildren, _) = await ChildProcess.RunAsync("perf", ["report", "-i", data, "--children", "-g", "none", "--sort", "symbol", "--stdio"], cancellationToken);
        static IEnumerable<string> Top(string report, int n) => report.Split('\n').Where(l => l.TrimStart().Length > 0 && char.IsDigit(l.TrimStart()[0])).Take(n);
        await File.WriteAllLinesAsync(pathWithoutExtension + ".txt",
            ["== self ==", .. Top(bySymbol, 40), "", "== with children (inclusive) ==", .. Top(withChildren, 80)], cancellationToken);
    }
}
