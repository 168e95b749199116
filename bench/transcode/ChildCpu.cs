using System.Globalization;

namespace Marquee.Bench.Transcode;

/// <summary>
/// CPU time (user + system) used so far by this process's finished children, from <c>/proc/self/stat</c>
/// (cutime, cstime). The difference across one contender is the CPU its ffmpeg processes used, a figure that
/// other load on a shared machine disturbs far less than wall time. Null where /proc is not available.
/// </summary>
internal static class ChildCpu
{
    /// <summary>USER_HZ: the unit of those fields; 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static double? Seconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) may contain spaces; count fields from after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cutime = long.Parse(fields[13], CultureInfo.InvariantCulture);
            var cstime = long.Parse(fields[14], CultureInfo.InvariantCulture);
            return (cutime + cstime) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
