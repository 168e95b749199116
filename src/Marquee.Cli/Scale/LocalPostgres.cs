using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Marquee.Origin.Hosting;
using Npgsql;

namespace Marquee.Cli.Scale;

/// <summary>
/// A PostgreSQL server of Debian's package running as an unprivileged process with its data in a folder of ours
/// (<c>./marquee up --scale</c>, and the tests that run the suites on PostgreSQL). PostgreSQL refuses to run as
/// root, so as root every step runs as the package's <c>postgres</c> user, which then owns the folder. The cluster
/// is made once (<c>initdb</c>, a superuser <c>marquee</c> with a generated password, password authentication over
/// loopback TCP only) and found again on the next start.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string User = "marquee";
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _data;
    private bool _stopped;

    private LocalPostgres(string bin, string folder, int port, string password)
    {
        _bin = bin;
        Folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        Password = password;
    }

    public string Folder { get; }

    /// <summary>The cluster's data folder (<c>pg_ctl -D</c>).</summary>
    public string DataFolder => _data;

    /// <summary>pg_ctl of the version that runs the cluster.</summary>
    public string PgCtl => Path.Combine(_bin, "pg_ctl");

    /// <summary>The user the server runs as: <c>postgres</c> when we are root, else ourselves (null).</summary>
    public static string? RunsAs => IsRoot ? ServiceUser : null;

    public int Port { get; }

    public string Password { get; }

    /// <summary>The server's address as PostgreSQL's tools print it, for a database of this server.</summary>
    public string Url(string database) =>
        $"postgresql://{User}:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>Npgsql's form of <see cref="Url"/>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
        // Each test and each origin opens its own pool; small pools keep a busy run under max_connections.
        MaxPoolSize = 20,
    }.ConnectionString;

    /// <summary>PostgreSQL's programs (initdb, pg_ctl, postgres) of the newest installed version; null when none is.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    /// <summary>Starts the server in <paramref name="folder"/>, making the cluster first if there is none.</summary>
    /// <param name="port">The TCP port on 127.0.0.1; a fresh cluster keeps it, a found one keeps its own.</param>
    /// <param name="durable">False for throw-away test clusters: no fsync, so a test suite does not wait on the disk.</param>
    public static async Task<LocalPostgres> StartAsync(string folder, int port, bool durable, CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with: apt-get install -y postgresql");
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var passwordFile = Path.Combine(folder, "password");
        var data = Path.Combine(folder, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await CreateClusterAsync(bin, folder, data, passwordFile, port, durable, cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        var server = new LocalPostgres(bin, folder, ReadPort(data), password);

        // Already running: left behind by a run that was killed before it could stop it (pg_ctl start detaches the
        // server, so it outlives us); take it over rather than fail on its lock file.
        if (await server.ExecAsync("pg_ctl", ["status", "-D", data], cancellationToken) is (0, _, _))
        {
            return server;
        }

        await server.RunAsync("pg_ctl", ["start", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-s"], cancellationToken);
        return server;
    }

    /// <summary>Makes <paramref name="name"/> unless it exists.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsPlainName(name))
        {
            throw new ArgumentException("a database name here is lower-case letters, digits and _ (at most 63)", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // CREATE DATABASE takes no parameters; the name was checked to be a plain identifier above.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Fast shutdown: open sessions are ended, committed data is on disk.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync("pg_ctl", ["stop", "-D", _data, "-m", "fast", "-w", "-t", "60", "-s"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (someone ran pg_ctl stop, or the machine is shutting down).
        }
    }

    /// <summary>Stops the server when this process exits without disposing it (a test run's end).</summary>
    public void StopOnExit() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsDigit(name[0]);

    private static async Task CreateClusterAsync(string bin, string folder, string data, string passwordFile, int port, bool durable, CancellationToken cancellationToken)
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var password = SecretFile.LoadOrCreate(passwordFile, () => Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant() + "\n").Trim();
        var bootstrap = new LocalPostgres(bin, folder, port, password);
        bootstrap.GiveFolderToServiceUser();
        await bootstrap.RunAsync("initdb", ["-D", data, "-U", User, "--pwfile", passwordFile, "--auth-local", "scram-sha-256", "--auth-host", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8"], cancellationToken);

        // Loopback TCP only, the socket in our folder (not /run/postgresql, which only the package's service may use).
        string[] settings =
        [
            "listen_addresses = '127.0.0.1'",
            $"port = {port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{data.Replace("'", "''", StringComparison.Ordinal)}'",
            durable ? "max_connections = 300" : "max_connections = 500",
            durable ? "" : "fsync = off",
            durable ? "" : "synchronous_commit = off",
            durable ? "" : "full_page_writes = off",
        ];
        await File.AppendAllLinesAsync(Path.Combine(data, "postgresql.conf"), settings.Where(s => s.Length > 0), cancellationToken);
    }

    private static int ReadPort(string data)
    {
        var line = File.ReadLines(Path.Combine(data, "postgresql.conf")).LastOrDefault(l => l.StartsWith("port = ", StringComparison.Ordinal));
        return line is not null && int.TryParse(line["port = ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 5432;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>As root the server runs as <c>postgres</c>, which must own the folder (and reach it).</summary>
    private void GiveFolderToServiceUser()
    {
        if (IsRoot)
        {
            RunAsRoot("chown", ["-R", $"{ServiceUser}:", Folder]);
        }
    }

    private async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await ExecAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            var log = Path.Combine(Folder, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(5)) : "";
            throw new InvalidOperationException($"{program} failed (exit {exitCode}): {error.Trim()} {output.Trim()} {tail}".Trim());
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> ExecAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(Path.Combine(_bin, program));
        }
        else
        {
            start.FileName = Path.Combine(_bin, program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // pg_ctl start leaves the server running with our pipes as its output unless they are closed: the log goes
        // to server.log (-l), and nothing is read from the pipes after the command returns.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static void RunAsRoot(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed (exit {process.ExitCode})");
        }
    }
}
