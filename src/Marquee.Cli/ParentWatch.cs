using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Marquee.Cli;

/// <summary>
/// Under <c>./marquee up</c> (edges) and <c>up --scale</c> (edges, origins, the worker): stop when the process that
/// started us is gone, even if it was killed. That process puts its id in <see cref="LocalCluster.WatchPidVariable"/>.
/// </summary>
internal static class ParentWatch
{
    public static Timer? Start(IHostApplicationLifetime lifetime)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(LocalCluster.WatchPidVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        return new Timer(_ =>
        {
            try
            {
                using var parent = Process.GetProcessById(pid);
                if (!parent.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
                // No such process any more.
            }

            lifetime.StopApplication();
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
