using System.Globalization;
using System.Runtime.InteropServices;
using Marquee.Origin.Hosting;

namespace Marquee.Cli.Scale;

/// <summary>
/// <c>./marquee up --scale</c>: the scaled-out service on one machine, every part its own process. PostgreSQL,
/// Redis and s3rver keep their data under <c>{data}/scale</c>; two origins on the same data directory sit behind
/// haproxy; one worker transcodes; the four edges fill from the load balancer. Ctrl-C or SIGTERM stops them all in the
/// reverse order, and if this process is killed they stop by themselves (parent-death signal, parent watch).
/// </summary>
internal static class ScaleCluster
{
    private const string DatabaseName = "marquee";

    public static async Task<int> RunAsync(string? data, ScalePorts ports, IReadOnlyList<int>? edgePorts, bool withEdges)
    {
        var directory = DataDirectory.Resolve(data);
        directory.EnsureCreated();
        var folder = Path.Combine(directory.Root, "scale");
        var logs = Path.Combine(folder, "logs");
        Directory.CreateDirectory(logs);
        using var exclusive = Lock(folder);
        if (exclusive is null)
        {
            await Console.Error.WriteLineAsync($"marquee: another up --scale runs on {directory.Root}; stop it first (its services are this directory's).");
            return ExitCodes.Failed;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var running = new Stack<IAsyncDisposable>();
        try
        {
            var postgresFolder = Path.Combine(folder, "postgres");
            Directory.CreateDirectory(postgresFolder);
            ServiceUser.EnsureCanReach("postgres", postgresFolder, "PostgreSQL");

            Say("starting PostgreSQL");
            // Not cancellable: pg_ctl may have started the server by the time a Ctrl-C came, and it must be stopped.
            var postgres = await LocalPostgres.StartAsync(postgresFolder, ports.Postgres, durable: true, CancellationToken.None);
            running.Push(PostgresGuard.Start(postgres));
            running.Push(postgres);
            await postgres.CreateDatabaseAsync(DatabaseName, stop.Token);

            Say("starting Redis");
            var redis = await LocalRedis.StartAsync(Path.Combine(folder, "redis"), ports.Redis, stop.Token);
            running.Push(redis);

            Say("starting s3rver");
            var s3 = await LocalS3.StartAsync(Path.Combine(folder, "s3"), ports.S3, stop.Token);
            running.Push(s3);

            ScaleSettings.Write(directory, postgres.Url(DatabaseName), redis.Url, s3);
            var balancerUrl = new Uri($"http://127.0.0.1:{ports.Balancer.ToString(CultureInfo.InvariantCulture)}");
            Say("starting two origins and a worker");
            (string Name, Uri Url)[] origins = [("origin-1", Loopback(ports.Origin1)), ("origin-2", Loopback(ports.Origin2))];
            var originProcesses = origins.Select((o, i) => StartOrigin(directory, o.Name, o.Url, balancerUrl, first: i == 0, logs)).ToList();
            originProcesses.ForEach(running.Push);
            var worker = StartSelf("worker", ["worker", "--data", directory.Root], Path.Combine(logs, "worker.log"), []);
            running.Push(worker);
            for (var i = 0; i < origins.Length; i++)
            {
                await Health.WaitAsync(origins[i].Url, () => originProcesses[i].HasExited ? $"{origins[i].Name} stopped: {originProcesses[i].Tail()}" : null, stop.Token);
            }

            Say("starting haproxy");
            var balancer = LocalBalancer.Start(folder, ports.Balancer, origins);
            running.Push(balancer);
            await Health.WaitAsync(balancer.Url, () => balancer.Failure, stop.Token);

            var edges = withEdges ? LocalCluster.Start(directory, balancer.Url, "127.0.0.1", edgePorts) : null;
            if (edges is not null)
            {
                running.Push(edges);
            }

            Console.WriteLine(Banner(directory, folder, balancer, origins, postgres.Url(DatabaseName), redis.Url, s3, withEdges ? edgePorts : null, withEdges));
            await WatchAsync([.. originProcesses, worker], stop.Token);
            return ExitCodes.Ok;
        }
        catch (ScaleException e)
        {
            await Console.Error.WriteLineAsync($"marquee: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("pg_ctl", StringComparison.Ordinal) || e.Message.Contains("initdb", StringComparison.Ordinal) || e.Message.Contains("PostgreSQL", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"marquee: PostgreSQL did not start: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("marquee: stopped before everything started.");
            return ExitCodes.Ok;
        }
        finally
        {
            if (running.Count > 0)
            {
                Say("stopping");
            }

            while (running.TryPop(out var service))
            {
                await service.DisposeAsync();
            }
        }

        void Stop(PosixSignalContext context)
        {
            // Ours to handle: stop the services in order, then exit.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static ServiceProcess StartOrigin(DataDirectory directory, string name, Uri url, Uri balancer, bool first, string logs)
    {
        // The first origin seeds the demo catalog (`up` without edges), the second is a plain `origin`. Neither
        // transcodes (the worker does); only the first watches the folder, so a dropped file is ingested once. Links
        // in mail point at the load balancer. Database, storage and Redis come from marquee.json.
        string[] arguments = [first ? "up" : "origin", "--data", directory.Root, "--urls", url.GetLeftPart(UriPartial.Authority), .. first ? ["--no-edges"] : Array.Empty<string>()];
        var environment = new Dictionary<string, string>
        {
            ["MARQUEE_Ingest__Workers"] = "0",
            ["MARQUEE_Ingest__WatchEnabled"] = first ? "true" : "false",
            ["MARQUEE_Accounts__PublicUrl"] = balancer.GetLeftPart(UriPartial.Authority),
        };
        return StartSelf(name, arguments, Path.Combine(logs, name + ".log"), environment);
    }

    private static ServiceProcess StartSelf(string name, string[] arguments, string log, Dictionary<string, string> environment)
    {
        var self = LocalCluster.SelfStartInfo();
        environment[LocalCluster.WatchPidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return ServiceProcess.Start(name, self.FileName, [.. self.ArgumentList, .. arguments], log, environment: environment);
    }

    /// <summary>Until Ctrl-C; says so when an origin or the worker stops on its own (haproxy carries on with the other).</summary>
    private static async Task WatchAsync(IReadOnlyList<ServiceProcess> processes, CancellationToken stop)
    {
        var reported = new HashSet<string>();
        try
        {
            while (true)
            {
                await Task.Delay(1000, stop);
                foreach (var process in processes.Where(p => p.HasExited && reported.Add(p.Name)))
                {
                    Say($"{process.Name} stopped; see {process.Log}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One <c>up --scale</c> per data directory: a second would take over the first one's PostgreSQL (as it takes over
    /// one left running) and stop it when its own Redis found the port taken. The lock goes with the process.
    /// </summary>
    private static FileStream? Lock(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, "up.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    private static void Say(string text) => Console.Error.WriteLine($"marquee: {text}");

    private static string Banner(DataDirectory directory, string folder, LocalBalancer balancer, (string Name, Uri Url)[] origins, string database, string redis, LocalS3 s3, IReadOnlyList<int>? edgePorts, bool withEdges)
    {
        var web = balancer.Url.GetLeftPart(UriPartial.Authority);
        var edges = withEdges
            ? string.Concat(LocalCluster.Placed(edgePorts).Select(e => $"  edge {e.Id,-8} http://127.0.0.1:{e.Port}   (region {e.Region}, fills from the load balancer)\n"))
            : "";
        return $"""

            Marquee is running, scaled out on this machine.
              web app       {web}/   (haproxy: {Path.Combine(folder, "haproxy.cfg")})
              origin-1      {origins[0].Url.GetLeftPart(UriPartial.Authority)}   (seeds the demo catalog, watches the folder)
              origin-2      {origins[1].Url.GetLeftPart(UriPartial.Authority)}
              worker        transcoding, one process
            {edges}  database      {database}
              redis         {redis}
              object store  {s3.ServiceUrl}   bucket {LocalS3.Bucket} (s3rver, key {LocalS3.AccessKey}/{LocalS3.SecretKey})
              settings      {directory.Settings}   (ingest, user add, worker and origin with --data {directory.Root} use these services)
              health        {web}/healthz   (the {LocalBalancer.OriginHeader} response header names the origin that answered)
              logs          {Path.Combine(folder, "logs")}
              admin key     {directory.AdminKeyFile}
            Press Ctrl-C to stop everything.
            """;
    }
}
