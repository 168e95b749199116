using System.Globalization;
using System.Runtime.InteropServices;
using Marquee.Bench.Search;
using Marquee.Bench.Search.Measuring;
using Marquee.Bench.Search.Reference;
using Microsoft.Data.Sqlite;

// Our search endpoint against SQLite FTS5 on the same generated catalog, in the same run: latency under a steady
// request rate, and whether typo queries find their title. `serve-fts DB PORT` is the bench's own second role: the
// reference server it starts as a separate process.
if (args is ["serve-fts", var database, var portText])
{
    if (!File.Exists(database) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
    {
        Console.Error.WriteLine("usage: serve-fts DB PORT (an existing reference database)");
        return 2;
    }

    return await FtsServer.RunAsync(database, port);
}

var parsed = BenchArguments.Parse(args, out var error);
if (parsed is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(BenchArguments.Usage);
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
// Whatever ends the bench, its servers end with it.
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();

try
{
    return await SearchBench.RunAsync(parsed, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("bench/search: interrupted");
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or ArgumentException or HttpRequestException or SqliteException)
{
    Console.Error.WriteLine($"bench/search: {e.Message}");
    return 2;
}
finally
{
    ChildProcess.KillAll();
}
