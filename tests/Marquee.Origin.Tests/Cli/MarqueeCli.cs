using System.Diagnostics;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cli;

/// <summary>Runs the built <c>marquee</c> host as a separate process, the way a user's shell would.</summary>
internal static class MarqueeCli
{
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "marquee.dll");

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["MARQUEE_Ffmpeg__Preset"] = "ultrafast";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <param name="input">A line for standard input (a password), or nothing.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? input = null)
    {
        using var process = Start(args, environment);
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
