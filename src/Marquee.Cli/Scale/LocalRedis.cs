using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Marquee.Origin.Hosting;

namespace Marquee.Cli.Scale;

/// <summary>
/// Debian's <c>redis-server</c> for <c>./marquee up --scale</c>: bound to 127.0.0.1, a generated password (kept in
/// a 0600 file), its append-only file in <c>{folder}/data</c> so the next start finds the data again. Redis would run
/// as root with a warning; as root it runs as the package's <c>redis</c> user instead, which owns the data folder.
/// The password is in a config file only that user can read, never on a command line others can see.
/// </summary>
internal sealed class LocalRedis : IAsyncDisposable
{
    public const string ServiceUserName = "redis";

    private readonly ServiceProcess process;

    private LocalRedis(ServiceProcess process, int port, string password)
    {
        this.process = process;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>The form <c>Redis:Connection</c> takes.</summary>
    public string Url => $"redis://:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<LocalRedis> StartAsync(string folder, int port, CancellationToken cancellationToken)
    {
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var password = SecretFile.LoadOrCreate(Path.Combine(folder, "password"), () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18))).Trim();
        var runAs = ServiceUser.IsRoot && ServiceUser.Exists(ServiceUserName) ? ServiceUserName : null;
        var config = Path.Combine(data, "redis.conf");
        // Written owner-only in one step (it holds the password), then given to the service user with its folder.
        SecretFile.Replace(config, string.Join('\n',
        [
            "bind 127.0.0.1",
            "protected-mode yes",
            $"port {port.ToString(CultureInfo.InvariantCulture)}",
            $"dir \"{data}\"",
            "appendonly yes",
            "appendfsync everysec",
            "daemonize no",
            "supervised no",
            "logfile \"\"",
            $"requirepass {password}",
            "",
        ]));
        if (runAs is not null)
        {
            ServiceUser.EnsureCanReach(runAs, data, "Redis");
            ServiceUser.Own(runAs, data);
        }

        var server = ServiceProcess.Start("redis", "redis-server", [config], Path.Combine(folder, "redis.log"), runAs);
        var redis = new LocalRedis(server, port, password);
        try
        {
            await redis.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }

        return redis;
    }

    /// <summary>SIGTERM: Redis flushes the append-only file and exits.</summary>
    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>PING answers PONG once the append-only file is loaded (LOADING before).</summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new ScaleException($"redis-server stopped at once (is port {Port} taken?): {process.Tail()}");
            }

            try
            {
                if (await PingAsync(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ScaleException($"redis-server did not answer on 127.0.0.1:{Port} within 60 s: {process.Tail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        await using var stream = client.GetStream();
        // Two commands in RESP: AUTH with the password, then PING.
        var request = $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(Password)}\r\n{Password}\r\n*1\r\n$4\r\nPING\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var auth = await reader.ReadLineAsync(cancellationToken);
        var ping = await reader.ReadLineAsync(cancellationToken);
        return auth == "+OK" && ping == "+PONG";
    }
}
