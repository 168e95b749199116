using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Marquee.Bench.Recommendations.Serving;
using Marquee.Bench.Search.Dataset;
using Marquee.Bench.Search.Measuring;
using Marquee.Origin;
using Marquee.Origin.Accounts;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Social;

/// <summary>
/// Seeds a community of the issue's size into a data folder the origin's own migrations made, starts a real origin
/// (<c>marquee origin</c>) on it, and measures, each beside a reference: a page of 50 comments (newest and top) as a
/// signed-in viewer with blocks and mutes, beside the bare SQLite page query; similar people beside a brute-force
/// scan of every opted-in profile; and removing all 10,000 comments of one person.
/// </summary>
internal static class SocialBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> MainAsync(string[] args)
    {
        var parsed = SocialArguments.Parse(args, out var error);
        if (parsed is null)
        {
            if (error is not null)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine(SocialArguments.Usage);
            return error is null ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        // Whatever ends the bench, the origin ends with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
        try
        {
            return await RunAsync(parsed, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench/social: interrupted");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or ArgumentException or HttpRequestException or SqliteException or JsonException)
        {
            Console.Error.WriteLine($"bench/social: {e.Message}");
            return 2;
        }
        finally
        {
            ChildProcess.KillAll();
        }
    }

    private static async Task<int> RunAsync(SocialArguments args, CancellationToken cancellationToken)
    {
        var host = OriginHost.Path();
        Console.WriteLine("Marquee community bench: comment pages, similar people and moderation at scale, against a real origin, each beside a reference");
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)"));
        using var folder = SocialFolder.Open(args.Keep, args.DataKey);
        Console.WriteLine($"work:    {folder.Root}{(folder.Kept ? " (kept)" : " (deleted at the end)")}");

        var clock = Stopwatch.StartNew();
        // Generated as of a fixed time, so the same titles are offered whenever the data is regenerated.
        var catalog = CatalogGenerator.Generate((int)(args.Titles * 1.5), args.Seed, SocialData.EndMs);
        var data = SocialData.Generate(args, catalog);
        var heaviest = data.CommentsPerTitle.OrderDescending().ToArray();
        Console.WriteLine(Invariant(
            $"data:    {catalog.Titles.Count} titles, comments on {args.Titles}: {data.CommentRows.Length} comments ({data.CommentRows.Length - args.Moderated} by {args.Commenters} commenters, Zipf-skewed, and {args.Moderated} by the moderated person); top-level per title: max {heaviest[0]}, 10th {heaviest[9]}, 100th {heaviest[99]}, median {heaviest[heaviest.Length / 2]}; {args.People} opted-in people with {data.RatingTitles.Sum(r => (long)r.Length)} ratings over {data.RatedTitles.Length} titles in {SocialData.Clusters} clusters; generated in {clock.Elapsed.TotalSeconds:0.0} s"));

        BenchAccounts accounts;
        if (folder.HasSeed)
        {
            accounts = BenchAccounts.Parse(await File.ReadAllTextAsync(folder.AccountsFile, cancellationToken));
            Console.WriteLine("         reusing the seeded data folder");
        }
        else
        {
            accounts = await SeedAsync(folder, catalog, data, cancellationToken);
        }

        clock.Restart();
        folder.ResetOriginData();
        Console.WriteLine(Invariant($"         copied into the origin's data folder in {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(folder.OriginDatabase).Length / 1e6:0} MB)"));

        if (args.HeldIndex)
        {
            ApplyHeldIndex(folder.OriginDatabase);
        }

        using var http = Client();
        var originUrl = new Uri(Invariant($"http://127.0.0.1:{OriginSettings.FreePort()}/"));
        var environment = OriginSettings.Environment();
        if (args.PerfSeconds > 0)
        {
            foreach (var (key, value) in PerfProfile.Environment())
            {
                environment[key] = value;
            }
        }

        using var origin = ChildProcess.Start("origin", Environment.ProcessPath ?? "dotnet",
            [host, "origin", "--data", folder.OriginData, "--urls", originUrl.ToString().TrimEnd('/')], environment, folder.Root, folder.OriginLog);
        var ready = await origin.WaitReadyAsync(http, new Uri(originUrl, "/healthz"), TimeSpan.FromMinutes(10), cancellationToken);
        Console.WriteLine(Invariant($"origin:  ready in {ready.TotalSeconds:0.0} s from process start (/healthz 200), {originUrl}"));
        var viewerToken = await LoginAsync(http, originUrl, BenchAccounts.ViewerEmail, cancellationToken);
        var load = new OpenLoad(http, originUrl, args.Rate);
        var (matches, waited) = await WaitForMatchesAsync(http, originUrl, origin, viewerToken, cancellationToken);
        Console.WriteLine(Invariant($"taste:   the viewer has similar people {waited:0} s after the origin was ready (its TasteRefresher read every opted-in person's ratings); measuring starts now"));
        var verdicts = new List<(string Name, bool Met)>();
        var results = new Dictionary<string, object>();

        if (args.Only.Contains("comments"))
        {
            var (met, result) = await CommentsAsync(args, data, folder, accounts, load, http, originUrl, origin, viewerToken, cancellationToken);
            verdicts.Add(("comment page p99", met));
            results["comments"] = result;
            if (args.PerfSeconds > 0)
            {
                var busiest = Enumerable.Range(0, args.Titles).OrderByDescending(t => data.CommentsPerTitle[t]).Take(100).Select(t => data.CommentTitles[t]).ToArray();
                var pages = Enumerable.Range(0, (int)(args.PerfSeconds * args.Rate)).Select(i => $"api/v1/titles/{busiest[i % busiest.Length]}/comments?limit=50&sort=top").ToList();
                await ProfileAsync("comments", pages, args, origin, load, viewerToken, folder, cancellationToken);
            }
        }

        if (args.Only.Contains("similar"))
        {
            var (met, result) = await SimilarAsync(args, data, load, http, originUrl, matches, waited, origin, viewerToken, cancellationToken);
            verdicts.Add(("similar people p99", met));
            results["similar"] = result;
            if (args.PerfSeconds > 0)
            {
                var pages = Enumerable.Repeat("api/v1/people/similar", (int)(args.PerfSeconds * args.Rate)).ToList();
                await ProfileAsync("similar", pages, args, origin, load, viewerToken, folder, cancellationToken);
            }
        }

        if (args.Only.Contains("moderation"))
        {
            var (met, result) = await ModerationAsync(args, data, folder, http, originUrl, cancellationToken);
            verdicts.Add(("remove everything", met));
            results["moderation"] = result;
        }

        Console.WriteLine($"machine: load average {LoadAverage()} (after)");
        var pass = verdicts.All(v => v.Met);
        Console.WriteLine("overall: " + string.Join(", ", verdicts.Select(v => $"{v.Name} {(v.Met ? "met" : "MISSED")}")) + (pass ? " — every target met" : ""));
        await File.WriteAllTextAsync(folder.ResultsFile, JsonSerializer.Serialize(results, Indented), cancellationToken);
        if (folder.Kept)
        {
            Console.WriteLine($"kept:    {folder.ResultsFile}, {folder.OriginLog}");
        }

        return pass ? 0 : 1;
    }

    /// <summary>
    /// The --held-index experiment, on the origin's copy only: SQLite, with no statistics, takes an equality on the
    /// single-column Status index as selective, so the replies count of a page (ParentId IN (…) AND Status = 0) walks
    /// every visible comment. A partial index of held comments by time serves the moderation queue instead.
    /// </summary>
    private static void ApplyHeldIndex(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DROP INDEX IF EXISTS "IX_comments_Status";
            CREATE INDEX "IX_comments_Held" ON "comments" ("CreatedAtMs") WHERE "Status" = 1;
            """;
        command.ExecuteNonQuery();
        Console.WriteLine("experiment: --held-index: IX_comments_Status dropped and IX_comments_Held (CreatedAtMs) WHERE Status = 1 made in the origin's copy");
    }

    private static async Task<BenchAccounts> SeedAsync(SocialFolder folder, GeneratedCatalog catalog, SocialData data, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The origin's migrations make the database; bench/search's seeder writes the titles through its EF model.
        await OriginSeeder.SeedAsync(folder.SeededDatabase, catalog.Titles, cancellationToken);
        BenchAccounts accounts;
        await using (var app = OriginApp.Build(OriginSettings.Arguments(folder.SeededData)))
        {
            await OriginApp.InitializeAsync(app, cancellationToken);
            accounts = await BenchAccounts.CreateAsync(app, cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        Console.WriteLine(Invariant($"seed:    migrations, {catalog.Titles.Count} titles and the admin and viewer accounts through the origin in {clock.Elapsed.TotalSeconds:0.0} s"));
        var counts = SocialSeeder.Write(folder.SeededDatabase, data, accounts);
        Console.WriteLine(Invariant(
            $"         {counts.People} people (account, profile, opted-in face), {counts.Ratings} ratings, {counts.Comments} comments ({counts.Replies} replies), {counts.Reactions} reactions, {counts.Links} blocks/mutes: one transaction in {counts.Seconds:0.0} s"));
        folder.MarkSeeded(accounts);
        return accounts;
    }

    private static async Task<(bool, object)> CommentsAsync(
        SocialArguments args, SocialData data, SocialFolder folder, BenchAccounts accounts, OpenLoad load, HttpClient http, Uri originUrl, ChildProcess origin, string token, CancellationToken cancellationToken)
    {
        // Half the pages are of the 100 most commented titles (where viewers gather and the filters have most to skip), half of any title.
        var random = new Random(args.Seed + 3);
        var byWeight = Enumerable.Range(0, args.Titles).OrderByDescending(t => data.CommentsPerTitle[t]).ToArray();
        string[] Titles(int n) => [.. Enumerable.Range(0, n).Select(i => data.CommentTitles[i % 2 == 0 ? byWeight[random.Next(Math.Min(100, args.Titles))] : random.Next(args.Titles)])];
        string Path(string title, bool top) => $"api/v1/titles/{title}/comments?limit=50{(top ? "&sort=top" : "")}";

        Console.WriteLine();
        Console.WriteLine(Invariant($"== comments: GET /api/v1/titles/{{id}}/comments?limit=50, newest and sort=top, as the viewer (blocks 3 of the top commenters, mutes 3, blocked by 2); half the pages of the 100 busiest titles"));
        foreach (var top in new[] { false, true })
        {
            var (warm, _) = await load.RunAsync([.. Titles(args.Warmup).Select(t => Path(t, top))], token, 0, cancellationToken);
            if (origin.HasExited || !warm.Any(s => s.Ok))
            {
                throw new InvalidOperationException($"comment pages answered no warm-up request, e.g. {warm.FirstOrDefault(s => !s.Ok)?.Error}:\n{origin.Tail(15)}");
            }
        }

        var kinds = new[] { ("newest", false), ("top", true) };
        var titles = kinds.ToDictionary(k => k.Item1, _ => Titles(args.Requests));
        var samples = kinds.ToDictionary(k => k.Item1, _ => new List<Sample>());
        var cpu = kinds.ToDictionary(k => k.Item1, _ => 0.0);
        var firstBodies = new Dictionary<string, byte[]?[]>();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var rounds = (args.Requests + args.Round - 1) / args.Round;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, top) in round % 2 == 0 ? kinds : kinds.Reverse())
            {
                var slice = titles[name].Skip(round * args.Round).Take(args.Round).Select(t => Path(t, top)).ToList();
                var gcBefore = await GcProbe.ReadAsync(http, originUrl, cancellationToken);
                var before = ProcessCpu.Seconds(origin.Id);
                var (measured, bodies) = await load.RunAsync(slice, token, round == 0 ? 20 : 0, cancellationToken);
                cpu[name] += (ProcessCpu.Seconds(origin.Id) - before) ?? 0;
                var gc = GcProbe.Between(gcBefore, await GcProbe.ReadAsync(http, originUrl, cancellationToken));
                var stats = LatencyStats.From(measured);
                Console.WriteLine(Invariant($"  round {round + 1}/{rounds} {name,-7} p50 {stats.P50,6:0.0} ms  p99 {stats.P99,6:0.0} ms  max {stats.Max,6:0.0} ms  errors {stats.Errors}{gc}"));
                samples[name].AddRange(measured);
                if (round == 0)
                {
                    firstBodies[name] = bodies;
                }
            }
        }

        // The reference: the same pages' bare query on the same file, in-process, one after another.
        using var bare = new BareComments(folder.OriginDatabase, accounts.ViewerProfileId, SocialSeeder.HiddenFromViewer());
        var reference = new Dictionary<string, List<double>>();
        var agree = 0;
        var compared = 0;
        foreach (var (name, top) in kinds)
        {
            Console.WriteLine($"  bare {name} plan: {bare.Plan(top)}");
            foreach (var t in titles[name].Take(args.Warmup))
            {
                bare.Page(t, top);
            }

            reference[name] = [.. titles[name].Select(t => bare.Page(t, top).Ms)];
            for (var i = 0; i < firstBodies[name].Length; i++)
            {
                if (firstBodies[name][i] is { } body)
                {
                    compared++;
                    agree += Ids(body, "id").SequenceEqual(bare.Page(titles[name][i], top).Ids) ? 1 : 0;
                }
            }
        }

        Console.WriteLine(Invariant($"  same 50 comments as the bare query, in the same order: {agree} of {compared} pages checked"));
        var firstItems = firstBodies["newest"].FirstOrDefault() is { } first ? Ids(first, "id").Count : 0;
        Console.WriteLine(Invariant($"  a page holds {firstItems} comments (first newest page)"));
        Console.WriteLine();
        Console.WriteLine("query            requests errors   p50 ms   p90 ms   p99 ms   max ms  origin CPU ms/req   bare p50 ms  bare p99 ms   ratio p50  ratio p99");
        var pass = true;
        var output = new Dictionary<string, object>();
        foreach (var (name, _) in kinds)
        {
            var s = LatencyStats.From(samples[name]);
            var r = Percentiles(reference[name]);
            var cpuPerRequest = cpu[name] * 1000 / samples[name].Count;
            Console.WriteLine(Invariant(
                $"{"comments " + name,-16} {s.Requests,8} {s.Errors,6} {s.P50,8:0.0} {s.P90,8:0.0} {s.P99,8:0.0} {s.Max,8:0.0} {cpuPerRequest,19:0.0} {r.P50,13:0.000} {r.P99,12:0.000} {s.P50 / r.P50,11:0.0} {s.P99 / r.P99,10:0.0}"));
            var met = s.Errors == 0 && s.P99 <= SocialArguments.CommentTargetMs;
            pass &= met;
            Console.WriteLine(Invariant($"RESULT comments-{name}: p50 {s.P50:0.0} ms, p99 {s.P99:0.0} ms (target <= {SocialArguments.CommentTargetMs} ms: {(met ? "met" : "MISSED")}); bare query p50 {r.P50:0.000} ms, p99 {r.P99:0.000} ms; CPU {cpuPerRequest:0.0} ms/req"));
            output[name] = new { api = s, bare = r, cpuMsPerRequest = Math.Round(cpuPerRequest, 2), met };
            if (s.FirstError is { } e)
            {
                Console.WriteLine($"  first error: {e}");
            }
        }

        return (pass, output);
    }

    private static async Task<(bool, object)> SimilarAsync(
        SocialArguments args, SocialData data, OpenLoad load, HttpClient http, Uri originUrl, byte[] answer, double waited, ChildProcess origin, string token, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"== similar: GET /api/v1/people/similar as the viewer (opted in, {data.ViewerRatingTitles.Length} ratings in cluster 0) among {args.People} opted-in people"));
        var paths = Enumerable.Repeat("api/v1/people/similar", args.Requests).ToList();
        await load.RunAsync(paths.Take(args.Warmup).ToList(), token, 0, cancellationToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var samples = new List<Sample>();
        var cpu = 0.0;
        var rounds = (args.Requests + args.Round - 1) / args.Round;
        for (var round = 0; round < rounds; round++)
        {
            var slice = paths.Skip(round * args.Round).Take(args.Round).ToList();
            var gcBefore = await GcProbe.ReadAsync(http, originUrl, cancellationToken);
            var before = ProcessCpu.Seconds(origin.Id);
            var (measured, _) = await load.RunAsync(slice, token, 0, cancellationToken);
            cpu += (ProcessCpu.Seconds(origin.Id) - before) ?? 0;
            var gc = GcProbe.Between(gcBefore, await GcProbe.ReadAsync(http, originUrl, cancellationToken));
            var stats = LatencyStats.From(measured);
            Console.WriteLine(Invariant($"  round {round + 1}/{rounds} similar p50 {stats.P50,6:0.0} ms  p99 {stats.P99,6:0.0} ms  max {stats.Max,6:0.0} ms  errors {stats.Errors}{gc}"));
            samples.AddRange(measured);
        }

        // The reference: brute force over the same people, in-process.
        var brute = new BruteForce(data);
        var hidden = Enumerable.Range(0, 8).Select(SocialData.Commenter).ToHashSet();
        var warmups = Math.Min(args.Warmup, 20);
        for (var i = 0; i < warmups; i++)
        {
            brute.Find(hidden, 20);
        }

        var times = new List<double>();
        List<(int Person, double Score)> best = [];
        var runs = Math.Min(args.Requests, 200);
        for (var i = 0; i < runs; i++)
        {
            (best, var ms) = brute.Find(hidden, 20);
            times.Add(ms);
        }

        var handles = Ids(answer, "handle");
        var bruteHandles = best.Select(b => SocialData.Handle(b.Person)).ToList();
        Console.WriteLine(Invariant(
            $"  the origin's 20 and brute force's 20: {handles.Intersect(bruteHandles).Count()} in common; best score origin {Scores(answer).FirstOrDefault():0.000}, brute force {best.FirstOrDefault().Score:0.000}; shared titles shown ≤ 3: {SharedAtMost3(answer)}"));
        var s = LatencyStats.From(samples);
        var r = Percentiles(times);
        var cpuPerRequest = cpu * 1000 / samples.Count;
        Console.WriteLine();
        Console.WriteLine("query            requests errors   p50 ms   p90 ms   p99 ms   max ms  origin CPU ms/req  brute p50 ms brute p99 ms brute/api p50 brute/api p99");
        Console.WriteLine(Invariant(
            $"{"similar people",-16} {s.Requests,8} {s.Errors,6} {s.P50,8:0.0} {s.P90,8:0.0} {s.P99,8:0.0} {s.Max,8:0.0} {cpuPerRequest,18:0.0} {r.P50,13:0.0} {r.P99,12:0.0} {r.P50 / s.P50,13:0.0} {r.P99 / s.P99,13:0.0}"));
        var met = s.Errors == 0 && s.P99 <= SocialArguments.SimilarTargetMs;
        Console.WriteLine(Invariant($"RESULT similar: p50 {s.P50:0.0} ms, p99 {s.P99:0.0} ms (target <= {SocialArguments.SimilarTargetMs} ms: {(met ? "met" : "MISSED")}); brute force in-process p50 {r.P50:0.0} ms, p99 {r.P99:0.0} ms; CPU {cpuPerRequest:0.0} ms/req"));
        if (s.FirstError is { } e)
        {
            Console.WriteLine($"  first error: {e}");
        }

        return (met, new { api = s, bruteForce = r, cpuMsPerRequest = Math.Round(cpuPerRequest, 2), waitSeconds = Math.Round(waited, 1), met });
    }

    /// <summary>
    /// The origin's TasteRefresher reads every opted-in person's ratings in the background once it starts (and when
    /// they change): wait until the viewer gets matches, so that load is over before anything is measured.
    /// </summary>
    private static async Task<(byte[] Answer, double Seconds)> WaitForMatchesAsync(HttpClient http, Uri originUrl, ChildProcess origin, string token, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        byte[]? answer = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(20))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(originUrl, "api/v1/people/similar"));
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode && Ids(body, "handle").Count > 0)
            {
                answer = body;
                break;
            }

            if (origin.HasExited)
            {
                throw new InvalidOperationException("the origin exited:\n" + origin.Tail(15));
            }

            await Task.Delay(1000, cancellationToken);
        }

        if (answer is null)
        {
            throw new TimeoutException("the viewer got no similar people within 20 minutes");
        }

        return (answer, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(bool, object)> ModerationAsync(SocialArguments args, SocialData data, SocialFolder folder, HttpClient http, Uri originUrl, CancellationToken cancellationToken)
    {
        var handle = SocialData.Handle(data.ModeratedPerson);
        Console.WriteLine();
        Console.WriteLine(Invariant($"== moderation: POST /api/v1/admin/moderation/people/{handle}/remove-comments, {args.Moderated} comments, {args.ModerationRuns} runs (their comments made visible again between runs)"));
        var adminToken = await LoginAsync(http, originUrl, BenchAccounts.AdminEmail, cancellationToken);
        var times = new List<double>();
        var removedCounts = new List<int>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = folder.OriginDatabase, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync(cancellationToken);
        for (var run = 0; run < args.ModerationRuns; run++)
        {
            await using (var reset = connection.CreateCommand())
            {
                reset.CommandText = "PRAGMA busy_timeout=60000; UPDATE comments SET Status = 0 WHERE AuthorUserId = $user";
                reset.Parameters.AddWithValue("$user", SocialData.UserId(data.ModeratedPerson));
                await reset.ExecuteNonQueryAsync(cancellationToken);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(originUrl, $"api/v1/admin/moderation/people/{handle}/remove-comments"));
            request.Headers.Authorization = new("Bearer", adminToken);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"remove-comments answered {(int)response.StatusCode}: {body}");
            }

            var removed = JsonDocument.Parse(body).RootElement.GetProperty("removed").GetInt32();
            Console.WriteLine(Invariant($"  run {run + 1}: {seconds * 1000:0} ms, removed {removed}"));
            times.Add(seconds);
            removedCounts.Add(removed);
        }

        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT count(*) FROM comments WHERE AuthorUserId = $user AND Status <> 2";
            check.Parameters.AddWithValue("$user", SocialData.UserId(data.ModeratedPerson));
            Console.WriteLine(Invariant($"  left visible or held afterwards: {(long)(await check.ExecuteScalarAsync(cancellationToken))!}"));
        }

        var median = times.Order().ElementAt(times.Count / 2);
        var met = median <= SocialArguments.ModerationTargetSeconds && removedCounts.All(n => n == args.Moderated);
        Console.WriteLine(Invariant($"RESULT moderation: removing {args.Moderated} comments of one person, median {median * 1000:0} ms of {times.Count} runs (min {times.Min() * 1000:0}, max {times.Max() * 1000:0}; target <= {SocialArguments.ModerationTargetSeconds} s: {(met ? "met" : "MISSED")})"));
        return (met, new { seconds = times, medianSeconds = Math.Round(median, 3), removed = removedCounts, met });
    }

    /// <summary>perf of the origin while <paramref name="paths"/> are asked at the bench's rate; the report goes to perf-NAME.txt and its top to the console.</summary>
    private static async Task ProfileAsync(string name, List<string> paths, SocialArguments args, ChildProcess origin, OpenLoad load, string token, SocialFolder folder, CancellationToken cancellationToken)
    {
        Console.WriteLine(Invariant($"  profiling: perf record of the origin for {args.PerfSeconds} s of {name} at {args.Rate:0.##}/s ..."));
        var asking = load.RunAsync(paths, token, 0, cancellationToken);
        var report = await PerfProfile.RecordAsync(origin.Id, args.PerfSeconds, Path.Combine(folder.Root, $"perf-{name}.data"), cancellationToken);
        await asking;
        var file = Path.Combine(folder.Root, $"perf-{name}.txt");
        await File.WriteAllTextAsync(file, report + "\n", cancellationToken);
        Console.WriteLine(string.Join('\n', report.Split('\n').Take(40).Select(l => "    " + l)));
        Console.WriteLine($"    (the whole report: {file})");
    }

    private static async Task<string> LoginAsync(HttpClient http, Uri origin, string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(origin, "api/v1/auth/login"), new { email, password = BenchAccounts.Password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenPair>(cancellationToken))!.AccessToken;
    }

    private static List<string> Ids(byte[] body, string property)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!)];
    }

    private static List<double> Scores(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble())];
    }

    private static bool SharedAtMost3(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("items").EnumerateArray().All(i => i.GetProperty("shared").GetArrayLength() <= 3);
    }

    public sealed record Reference(int Runs, double P50, double P90, double P99, double Max);

    private static Reference Percentiles(List<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double At(double p) => Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)], 3);
        return new Reference(sorted.Length, At(0.5), At(0.9), At(0.99), Math.Round(sorted[^1], 3));
    }

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = 1_000,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
