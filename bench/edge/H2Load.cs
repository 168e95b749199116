using System.Globalization;
using System.Text.RegularExpressions;

namespace Marquee.Bench.Edge;

/// <summary>
/// HTTP/2 load with h2load (nghttp2-client): the same paths in a cycle, one stream at a time per connection (as
/// wrk's one request at a time), over TLS with the same cipher. h2load reports no percentiles, so p50 and p99 are
/// left out; bytes are its traffic total (frames and headers included, the same for both servers).
/// </summary>
internal static partial class H2Load
{
    public const string Cipher = "TLS_AES_128_GCM_SHA256";

    public static async Task<WrkResult> RunAsync(Uri server, string pathsFile, int threads, int connections, int seconds, CancellationToken cancellationToken)
    {
        var uris = Path.ChangeExtension(pathsFile, ".h2.txt");
        await File.WriteAllLinesAsync(uris, File.ReadLines(pathsFile).Select(p => new Uri(server, p).AbsoluteUri), cancellationToken);
        var (code, output, error) = await ChildProcess.RunAsync("h2load",
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-m", "1",
            "-D", seconds.ToString(CultureInfo.InvariantCulture),
            "--tls13-ciphers", Cipher,
            "-i", uris,
        ], cancellationToken);
        var finished = Finished().Match(output);
        var requests = Requests().Match(output);
        var traffic = Traffic().Match(output);
        if (code != 0 || !finished.Success || !requests.Success || !traffic.Success)
        {
            throw new InvalidOperationException($"h2load failed ({code}): {output}\n{error}");
        }

        long Get(Match m, string name) => long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(finished.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        return new WrkResult(Get(requests, "succeeded"), Get(traffic, "bytes"), duration, Get(requests, "failed") + Get(requests, "errored"),
            Get(requests, "done") - Get(requests, "succeeded"), TimeSpan.MinValue, TimeSpan.MinValue);
    }

    [GeneratedRegex(@"finished in (?<seconds>[\d.]+)s")]
    private static partial Regex Finished();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Requests();

    [GeneratedRegex(@"traffic: [^(]*\((?<bytes>\d+)\) total")]
    private static partial Regex Traffic();
}
