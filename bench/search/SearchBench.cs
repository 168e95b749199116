using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Marquee.Bench.Search.Dataset;
using Marquee.Bench.Search.Measuring;
using Marquee.Bench.Search.Queries;
using Marquee.Bench.Search.Reference;

namespace Marquee.Bench.Search;

/// <summary>
/// One run: generate the catalog and the queries, seed the origin's database and the FTS5 reference, start both
/// servers, warm each up, send the same queries to both in alternating blocks at a steady rate, and judge.
/// </summary>
internal static class SearchBench
{
    public const double P99TargetMs = 20;
    public const double RatioTarget = 1.5;
    public const double TypoTarget = 0.9;
    public const int BlockSize = 100;

    /// <summary>Bump when the generator changes, so a kept folder's databases are not reused for different data.</summary>
    private const int GeneratorVersion = 1;

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var originHost = Repository.OriginHost();
        var dotnet = Environment.ProcessPath ?? "dotnet";
        var self = typeof(SearchBench).Assembly.Location;

        Console.WriteLine("Marquee search benchmark: our search endpoint against SQLite FTS5 on the same data, in the same run");
        var loadBefore = LoadAverage();
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, load average {loadBefore} (before)"));

        using var work = WorkFolder.Open(args.Keep, Invariant($"titles={args.Titles} seed={args.Seed} generator={GeneratorVersion}"));
        Console.WriteLine($"work:    {work.Root}{(work.Kept ? " (kept)" : " (deleted at the end)")}");

        var clock = Stopwatch.StartNew();
        var catalog = CatalogGenerator.Generate(args.Titles, args.Seed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var queries = QueryGenerator.Generate(catalog, args.Queries, args.Seed + 1);
        var warmup = args.Warmup == 0 ? [] : QueryGenerator.Generate(catalog, args.Warmup, args.Seed + 2);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        await WriteQueriesAsync(work.QueriesFile, queries, cancellationToken);
        Console.WriteLine(Invariant(
            $"data:    {catalog.Titles.Count} titles (seed {args.Seed}), {catalog.OfferedInUs.Count} offered in the US, {catalog.VocabularySize} distinct words; generated with the queries in {generateSeconds:0.0} s"));

        double? seedSeconds = null;
        double? referenceSeconds = null;
        if (work.HasDataset)
        {
            Console.WriteLine("         reusing the databases in the kept folder");
        }
        else
        {
            clock.Restart();
            await OriginSeeder.SeedAsync(work.OriginDatabase, catalog.Titles, cancellationToken);
            seedSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            FtsDatabase.Build(work.ReferenceDatabase, catalog.Titles);
            referenceSeconds = clock.Elapsed.TotalSeconds;
            work.MarkDataset();
            Console.WriteLine(Invariant(
                $"         origin database seeded in {seedSeconds:0.0} s (EF Core, {OriginSeeder.BatchSize} titles a batch); FTS5 reference built in {referenceSeconds:0.0} s"));
        }

        var dataset = new DatasetSummary(catalog.Titles.Count, args.Seed, catalog.OfferedInUs.Count, catalog.VocabularySize, Round(generateSeconds),
            seedSeconds is { } s ? Round(s) : null, referenceSeconds is { } rs ? Round(rs) : null,
            Math.Round(new FileInfo(work.OriginDatabase).Length / 1048576.0, 1), ProcessMemory.PeakResidentMiB(Environment.ProcessId));
        Console.WriteLine(Invariant($"         origin database {dataset.OriginDatabaseMiB:0} MiB; the bench's peak memory so far {(dataset.BenchPeakRssMiB is { } peak ? $"{peak:0} MiB" : "unknown")}"));
        var typos = queries.Count(q => q.Kind == QueryKind.Typo);
        Console.WriteLine(Invariant(
            $"queries: {queries.Count} ({typos} with one typo) and {warmup.Count} warm-up per engine, {args.Rate:0.##} requests/s open loop, blocks of {BlockSize} alternating engines"));

        using var http = Client();
        // The origin starts alone, so nothing of the bench competes with its index load.
        var originUrl = new Uri(Invariant($"http://127.0.0.1:{FreePort()}"));
        using var origin = ChildProcess.Start("origin", dotnet,
            [originHost, "origin", "--data", work.OriginData, "--urls", originUrl.ToString().TrimEnd('/')], OriginEnvironment, work.Root, work.OriginLog);
        var originReady = await origin.WaitReadyAsync(http, new Uri(originUrl, "/healthz"), TimeSpan.FromMinutes(10), cancellationToken);
        var loadedLine = origin.FirstLineWith("Catalog loaded");
        Console.WriteLine(Invariant($"origin:  ready in {originReady.TotalSeconds:0.00} s from process start (/healthz 200); {(loadedLine is null ? "no 'Catalog loaded' line seen" : LogMessage(loadedLine))}"));

        var referenceUrl = new Uri(Invariant($"http://127.0.0.1:{FreePort()}"));
        using var reference = ChildProcess.Start("FTS5 server", dotnet,
            [self, "serve-fts", work.ReferenceDatabase, referenceUrl.Port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), work.Root, work.ReferenceLog);
        var referenceReady = await reference.WaitReadyAsync(http, new Uri(referenceUrl, "/healthz"), TimeSpan.FromMinutes(2), cancellationToken);
        Console.WriteLine(Invariant($"FTS5:    ready in {referenceReady.TotalSeconds:0.00} s"));

        var ours = new Target("ours", originUrl, "/api/v1/search");
        var fts5 = new Target("FTS5", referenceUrl, "/search");
        var generator = new LoadGenerator(http, args.Rate);
        if (warmup.Count > 0)
        {
            Console.WriteLine("warming up ...");
            foreach (var (target, server) in new[] { (ours, origin), (fts5, reference) })
            {
                var samples = await generator.RunAsync(target, warmup, cancellationToken);
                // A slow engine is measured and fails its targets; one that answers nothing at all is a broken run.
                if (server.HasExited || !samples.Any(x => x.Ok))
                {
                    throw new InvalidOperationException(
                        $"{target.Name} answered no warm-up request{(server.HasExited ? " and exited" : "")}, e.g. {samples.FirstOrDefault(x => !x.Ok)?.Error}:\n{server.Tail(15)}");
                }
            }
        }

        // The generator holds the generated catalog and the setup's garbage: collect it now, so its own pause
        // cannot land inside the measurement and be charged to whichever engine is answering.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Console.WriteLine("measuring ...");
        var oursSamples = new Sample[queries.Count];
        var fts5Samples = new Sample[queries.Count];
        var cpu = new Dictionary<string, double?> { [ours.Name] = 0, [fts5.Name] = 0 };
        var servers = new Dictionary<string, ChildProcess> { [ours.Name] = origin, [fts5.Name] = reference };
        var benchCpu = Environment.CpuUsage.TotalTime;
        for (var block = 0; block * BlockSize < queries.Count; block++)
        {
            var slice = queries.Skip(block * BlockSize).Take(BlockSize).ToList();
            // Alternate which engine goes first so that neither always follows the other.
            foreach (var (target, into) in block % 2 == 0 ? new[] { (ours, oursSamples), (fts5, fts5Samples) } : [(fts5, fts5Samples), (ours, oursSamples)])
            {
                var before = ProcessCpu.Seconds(servers[target.Name].Id);
                var samples = await generator.RunAsync(target, slice, cancellationToken);
                cpu[target.Name] += ProcessCpu.Seconds(servers[target.Name].Id) - before;
                samples.CopyTo(into, block * BlockSize);
            }
        }

        var benchCpuMs = (Environment.CpuUsage.TotalTime - benchCpu).TotalMilliseconds / (2.0 * queries.Count);
        var loadAfter = LoadAverage();
        double? PerRequest(double? seconds) => seconds is { } v ? Math.Round(v * 1000 / queries.Count, 3) : null;
        var originSummary = new ServerSummary("origin", Round(originReady.TotalSeconds), ProcessMemory.ResidentMiB(origin.Id), ProcessMemory.PeakResidentMiB(origin.Id),
            loadedLine is null ? null : LogMessage(loadedLine), PerRequest(cpu[ours.Name]));
        var referenceSummary = new ServerSummary("FTS5", Round(referenceReady.TotalSeconds), ProcessMemory.ResidentMiB(reference.Id), ProcessMemory.PeakResidentMiB(reference.Id),
            null, PerRequest(cpu[fts5.Name]));
        Console.WriteLine($"machine: load average {loadAfter} (after)");

        var result = Judge(args, dataset, queries, warmup.Count, oursSamples, fts5Samples, originSummary, referenceSummary, Math.Round(benchCpuMs, 3), loadBefore, loadAfter);
        Report.Print(result, Console.Out);
        await Report.WriteJsonAsync(result, work.ResultsFile, cancellationToken);
        await WriteAnswersAsync(work.AnswersFile, queries, oursSamples, fts5Samples, cancellationToken);
        if (work.Kept)
        {
            Console.WriteLine($"kept: {work.ResultsFile}, {Path.GetFileName(work.QueriesFile)}, {Path.GetFileName(work.AnswersFile)}, {Path.GetFileName(work.OriginLog)}, {Path.GetFileName(work.ReferenceLog)}");
        }

        return result.Pass ? 0 : 1;
    }

    private static BenchResult Judge(
        BenchArguments args, DatasetSummary dataset, List<BenchQuery> queries, int warmup, Sample[] ours, Sample[] fts5,
        ServerSummary origin, ServerSummary reference, double benchCpuMsPerRequest, string loadBefore, string loadAfter)
    {
        var oursStats = LatencyStats.From(ours);
        var fts5Stats = LatencyStats.From(fts5);
        var kinds = Enum.GetValues<QueryKind>().Select(k => KindQuality.From(k, queries, ours, fts5)).Where(k => k.Count > 0).ToList();
        var typo = kinds.Find(k => k.Kind == QueryKind.Typo);
        var fullName = kinds.Find(k => k.Kind == QueryKind.FullName);
        var ratioP50 = Math.Round(oursStats.P50 / fts5Stats.P50, 3);
        var ratioP99 = Math.Round(oursStats.P99 / fts5Stats.P99, 3);
        var typoOurs = typo?.Top1Rate(typo.Ours) ?? double.NaN;
        var latencyPass = oursStats.P99 <= P99TargetMs;
        var ratioPass = ratioP99 <= RatioTarget;
        var typoPass = typoOurs >= TypoTarget;
        var noErrors = oursStats.Errors == 0 && fts5Stats.Errors == 0;
        List<string> notes =
        [
            "latency runs from each request's due time on a steady schedule (open loop) to the end of its response body, over loopback HTTP with JSON for both engines; it includes the generator's own lateness, shown above",
            "the origin answers through its whole middleware pipeline and also counts every match and computes facets, as its endpoint always does; the FTS5 server only ranks and returns the first 20",
            "FTS5 has no typo tolerance; it still finds a typo query when the edit leaves the last word a prefix of the right one (e.g. its last letter deleted)",
            "typos never touch a word's first letter, never produce a word found anywhere in the catalog, and never make the query one edit from another title's name",
            "both servers run on this machine with the bench; use a quiet machine, and compare the load averages before and after",
        ];
        if (double.TryParse(loadBefore.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load > Environment.ProcessorCount / 2.0)
        {
            notes.Insert(0, Invariant($"the machine was busy before the run (load average {load:0.00} on {Environment.ProcessorCount} cores): latencies are not representative; CPU per request is the steadier figure"));
        }

        var result = new BenchResult(
            DateTimeOffset.UtcNow, Environment.ProcessorCount, loadBefore, loadAfter, dataset, queries.Count, typo?.Count ?? 0, warmup, args.Rate, BlockSize,
            origin, reference, benchCpuMsPerRequest, oursStats, fts5Stats, ratioP50, ratioP99, kinds,
            typoOurs, typo?.Top1Rate(typo.Reference) ?? double.NaN, fullName?.Top1Rate(fullName.Ours) ?? double.NaN, fullName?.Top1Rate(fullName.Reference) ?? double.NaN,
            P99TargetMs, RatioTarget, TypoTarget, latencyPass, ratioPass, typoPass, noErrors, latencyPass && ratioPass && typoPass && noErrors, "", notes);
        return result with { ResultLine = Report.ResultLine(result) };
    }

    /// <summary>
    /// Configuration through the environment (the <c>origin</c> command takes only --data and --urls): no transcoding
    /// workers or watch folder, a search rate limit the bench cannot reach (every request comes from loopback), and
    /// warnings only, except the line that reports the catalog loaded.
    /// </summary>
    private static readonly Dictionary<string, string> OriginEnvironment = new(StringComparer.Ordinal)
    {
        ["MARQUEE_Ingest__Workers"] = "0",
        ["MARQUEE_Ingest__WatchEnabled"] = "false",
        ["MARQUEE_Search__RequestsPerMinute"] = "10000000",
        ["MARQUEE_Logging__LogLevel__Default"] = "Warning",
        ["MARQUEE_Logging__LogLevel__Marquee.Origin.Catalog.CatalogSync"] = "Information",
    };

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = 1_000,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WriteQueriesAsync(string path, IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var lines = queries.Select(q => string.Join('\t', q.Number.ToString(CultureInfo.InvariantCulture), Report.KindName(q.Kind), q.Text, q.SourceTitleId, q.SourceName, q.Detail));
        await File.WriteAllLinesAsync(path, lines.Prepend("number\tkind\ttext\tsource id\tsource name\tdetail"), cancellationToken);
    }

    /// <summary>Per query: where each engine ranked the title it was made from (1-based, "-" when absent), its first result and its latency.</summary>
    private static async Task WriteAnswersAsync(string path, IReadOnlyList<BenchQuery> queries, Sample[] ours, Sample[] fts5, CancellationToken cancellationToken)
    {
        static string Rank(Sample s, string id) => s.Ids.ToList().IndexOf(id) is var i and >= 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : "-";
        static string Row(Sample s, string id) => Invariant($"{Rank(s, id)}\t{(s.Ids.Count > 0 ? s.Ids[0] : "")}\t{s.LatencyMs:0.000}\t{s.Error ?? ""}");
        var lines = queries.Select((q, i) => Invariant($"{q.Number}\t{Report.KindName(q.Kind)}\t{q.Text}\t{q.SourceTitleId}\t{Row(ours[i], q.SourceTitleId)}\t{Row(fts5[i], q.SourceTitleId)}"));
        await File.WriteAllLinesAsync(path, lines.Prepend("number\tkind\ttext\tsource id\tours rank\tours first\tours ms\tours error\tfts5 rank\tfts5 first\tfts5 ms\tfts5 error"), cancellationToken);
    }

    /// <summary>"12:00:01 info: Marquee.Origin.Catalog.CatalogSync[0] Catalog loaded: 5000 published titles" → the message.</summary>
    private static string LogMessage(string line)
    {
        var at = line.IndexOf("Catalog loaded", StringComparison.Ordinal);
        return at < 0 ? line : line[at..];
    }

    private static string LoadAverage()
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

    private static double Round(double seconds) => Math.Round(seconds, 3);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
