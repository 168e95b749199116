using System.Diagnostics;
using System.Globalization;
using Marquee.Bench.Transcode;
using Marquee.Bench.Transcode.PerTitle;

// Two comparisons, each side by side in one run: the single-process ladder against one ffmpeg per rung, and
// per-title bitrates against the fixed ladder on generated sources of different complexity. --calibrate runs the
// sweep the per-title mapping was fitted to instead.
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
var ct = cancel.Token;
var clock = Stopwatch.StartNew();
Console.WriteLine("Marquee transcoding benchmark");
Directory.CreateDirectory(parsed.OutFolder);

if (parsed.CalibrationScales is { } scales)
{
    await Calibration.RunAsync(parsed, scales, ct);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench took {clock.Elapsed.TotalMinutes:0.0} min"));
    return 0;
}

var pass = true;
if (parsed.Process)
{
    pass &= await ProcessComparison.RunAsync(parsed, ct);
    Console.WriteLine();
}

if (parsed.PerTitle)
{
    pass &= await PerTitleComparison.RunAsync(parsed, ct);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench took {clock.Elapsed.TotalMinutes:0.0} min; overall {(pass ? "PASS" : "FAIL")}"));
return pass ? 0 : 1;
