using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>A bench's scratch folder under out/, emptied first (a PostgreSQL left running by a killed run is stopped).</summary>
internal static class Scratch
{
    public static string Fresh(string outFolder, string name)
    {
        var folder = Path.Combine(outFolder, name);
        var stale = Path.Combine(folder, "postgres", "data", "postmaster.pid");
        if (File.Exists(stale) && int.TryParse(File.ReadLines(stale).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                if (process.ProcessName == "postgres")
                {
                    process.Kill();
                    process.WaitForExit(10_000);
                }
            }
            catch (ArgumentException)
            {
                // Not running any more.
            }
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }
}
