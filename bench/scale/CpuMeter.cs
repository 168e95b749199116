using Marquee.Bench.Edge;
using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>
/// CPU seconds of named process groups over a window (utime + stime from /proc/PID/stat), the load generator
/// this process waited for (its cutime + cstime), and the whole machine's busy time (/proc/stat).
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<(string Name, Func<IReadOnlyList<int>> Pids)> groups)
{
    public CpuSnapshot Take() => new(
        groups.ToDictionary(g => g.Name, g => ProcessCpu.Seconds(g.Pids())),
        WaitedChildrenSeconds(),
        MachineBusySeconds(),
        DateTime.UtcNow);

    /// <summary>CPU seconds of this process's children that exited and were waited for (wrk, once its run ends).</summary>
    public static double WaitedChildrenSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // cutime is field 16, cstime 17 (1-based, counting pid and comm).
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Busy CPU seconds of the machine (all cores, everything but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already counted in user).
        var busy = values.Take(8).Sum() - values[3] - values[4];
        return busy / 100.0;
    }

    /// <summary>The postmaster (first line of postmaster.pid) and its backends.</summary>
    public static IReadOnlyList<int> Postgres(string dataFolder)
    {
        var pidFile = Path.Combine(dataFolder, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? ProcessCpu.WithChildren(pid)
            : [];
    }
}

internal sealed record CpuSnapshot(IReadOnlyDictionary<string, double> Groups, double LoadGenerator, double Machine, DateTime At)
{
    /// <summary>Seconds used between <paramref name="before"/> and this, per group, with "load generator" and "machine".</summary>
    public Dictionary<string, double> Since(CpuSnapshot before)
    {
        var used = Groups.ToDictionary(g => g.Key, g => g.Value - before.Groups[g.Key]);
        used["load generator"] = LoadGenerator - before.LoadGenerator;
        used["machine"] = Machine - before.Machine;
        used["seconds"] = (At - before.At).TotalSeconds;
        return used;
    }
}
