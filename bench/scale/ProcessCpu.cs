using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>User + system CPU seconds of processes, from /proc (clock ticks at 100 Hz on Linux).</summary>
internal static class ProcessCpu
{
    public static double Seconds(IEnumerable<int> pids) => pids.Sum(Seconds);

    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The process and its direct children (nginx's master and workers).</summary>
    public static IReadOnlyList<int> WithChildren(int pid)
    {
        var pids = new List<int> { pid };
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            var children = Path.Combine(task, "children");
            if (File.Exists(children))
            {
                pids.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
            }
        }

        return pids;
    }
}
