using System.Globalization;

namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// CPU time (user + system) a process has used so far, from <c>/proc/PID/stat</c>. Per request, it is the figure
/// that other load on a shared machine disturbs least. Null where /proc is not available.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: the unit of those fields; 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) may contain spaces; count fields from after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
