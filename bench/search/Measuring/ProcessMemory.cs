using System.Globalization;

namespace Marquee.Bench.Search.Measuring;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c>: now (VmRSS) and its peak (VmHWM), in MiB; null where /proc is not available.</summary>
internal static class ProcessMemory
{
    public static double? ResidentMiB(int pid) => Field(pid, "VmRSS:");

    public static double? PeakResidentMiB(int pid) => Field(pid, "VmHWM:");

    private static double? Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            var kib = line?[name.Length..].Trim().Split(' ')[0];
            return kib is null ? null : Math.Round(long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
