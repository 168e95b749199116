using Marquee.Bench.Scale;

if (args is [HeartbeatReference.Command, var port, var replyFile])
{
    return await HeartbeatReference.ServeAsync(port, replyFile);
}

var options = BenchArguments.Parse(args, out var error);
if (options is null)
{
    if (error is not null)
    {
        await Console.Error.WriteLineAsync($"bench/scale: {error}");
    }

    await Console.Error.WriteLineAsync(BenchArguments.Usage);
    return 2;
}

if (!File.Exists(Origins.CliDll(options.Repository)))
{
    await Console.Error.WriteLineAsync($"bench/scale: {Origins.CliDll(options.Repository)} is missing; ./run builds it");
    return 2;
}

Directory.CreateDirectory(options.OutFolder);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return options.Bench switch
    {
        "playback" => await PlaybackBench.RunAsync(options, stop.Token),
        "heartbeats" => await HeartbeatBench.RunAsync(options, stop.Token),
        _ => await SearchBench.RunAsync(options, stop.Token),
    };
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    await Console.Error.WriteLineAsync($"bench/scale: {e.Message}");
    return 2;
}
