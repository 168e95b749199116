using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Marquee.Bench.Edge;

/// <summary>
/// Memory per idle keep-alive connection: resident memory of the server before and after a holder process opened
/// <c>n</c> connections and made one request on each, divided by <c>n</c>. The edge's is the bench process's (it
/// hosts the edge; collected before each reading, so garbage does not count), nginx's its master's and workers'.
/// That the connections are open and idle is checked twice: the server's established sockets on its port
/// (/proc/net/tcp) and, at the end, the holder's own sockets.
/// </summary>
internal static class IdleConnections
{
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public static async Task<(double BytesPerConnection, int Established)> MeasureAsync(Uri server, string path, int count, IPAddress source,
        Func<long> residentBytes, CancellationToken cancellationToken)
    {
        var before = residentBytes();
        using var holder = ChildProcess.Start("dotnet", [typeof(IdleHolder).Assembly.Location, "--hold", server.AbsoluteUri, path,
            count.ToString(CultureInfo.InvariantCulture), source.ToString()], redirectInput: true);
        var ready = await holder.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the idle-connection holder failed: " + await holder.StandardError.ReadToEndAsync(cancellationToken));
        }

        // Let both sides settle: any lazily grown buffers, timers, the server's bookkeeping.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var established = EstablishedTo(server.Port);
        var after = residentBytes();
        holder.StandardInput.Close();
        var open = await holder.StandardOutput.ReadLineAsync(cancellationToken);
        await holder.WaitForExitAsync(cancellationToken);
        if (open != $"OPEN {count}" || established < count)
        {
            throw new InvalidOperationException($"idle connections did not stay open: {ready}, {open}, {established} established on the server's port");
        }

        return ((after - before) / (double)count, established);
    }

    public static long ResidentBytes(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0L;
    });

    /// <summary>The bench process's resident memory after a full, compacting collection.</summary>
    public static long CollectedSelf()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return ResidentBytes([Environment.ProcessId]);
    }

    /// <summary>Established TCP connections whose local port is <paramref name="port"/> (the server's side of each).</summary>
    private static int EstablishedTo(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        return TcpTables.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith(":" + hex, StringComparison.Ordinal) && f[3] == "01");
    }
}
