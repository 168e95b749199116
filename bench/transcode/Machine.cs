namespace Marquee.Bench.Transcode;

/// <summary>What else the machine is doing: the load averages, printed before and after so noisy runs can be told apart.</summary>
internal static class Machine
{
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
