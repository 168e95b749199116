using System.Globalization;
using Marquee.Cli.Scale;

namespace Marquee.Bench.Scale;

/// <summary>The shared services of a scale-out installation, each in a scratch folder under out/: PostgreSQL, redis-server, haproxy.</summary>
internal static class Backing
{
    /// <summary>
    /// A fresh PostgreSQL cluster in the run's scratch folder, durable (fsync on), as SQLite's WAL with
    /// synchronous=FULL is on the other side.
    /// </summary>
    public static async Task<(LocalPostgres Server, string Url)> PostgresAsync(string outFolder, string database, CancellationToken cancellationToken)
    {
        var server = await LocalPostgres.StartAsync(Path.Combine(outFolder, "postgres"), FreePort.Next(), durable: true, cancellationToken);
        await server.CreateDatabaseAsync(database, cancellationToken);
        return (server, server.Url(database));
    }

    public static Daemon Redis(string outFolder, out string url)
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        url = $"redis://127.0.0.1:{port}";
        return Daemon.Start("redis", "redis-server", ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], Path.Combine(outFolder, "redis.log"));
    }

    /// <summary>haproxy in the foreground, round robin over <paramref name="servers"/>, keep-alive to both sides, health checks on /healthz.</summary>
    public static async Task<(Daemon Process, Uri Address)> HaproxyAsync(string outFolder, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var config = Path.Combine(outFolder, "haproxy.cfg");
        var lines = new List<string>
        {
            "global",
            "  maxconn 4000",
            "  nbthread 1",
            "defaults",
            "  mode http",
            "  option http-keep-alive",
            "  http-reuse always",
            "  timeout connect 5s",
            "  timeout client 60s",
            "  timeout server 60s",
            "frontend front",
            $"  bind 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "  default_backend origins",
            "backend origins",
            "  balance roundrobin",
            "  option httpchk GET /healthz",
        };
        lines.AddRange(servers.Select((s, i) => $"  server origin{(i + 1).ToString(CultureInfo.InvariantCulture)} {s.Host}:{s.Port.ToString(CultureInfo.InvariantCulture)} check inter 2s"));
        await File.WriteAllLinesAsync(config, lines, cancellationToken);
        var daemon = Daemon.Start("haproxy", "haproxy", ["-f", config, "-db"], Path.Combine(outFolder, "haproxy.log"));
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        await Origins.WaitHealthyAsync(daemon, address, cancellationToken);
        return (daemon, address);
    }
}
