using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marquee.TestSupport;

/// <summary>
/// A real S3-protocol server for tests: s3rver (tests/js) on a free loopback port, storing into a scratch
/// folder, with one bucket created at start. It accepts the access key and secret <see cref="AccessKey"/>.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _directory;

    private S3rverServer(Process process, StringBuilder output, string directory, int port, string bucket)
    {
        _process = process;
        _output = output;
        _directory = directory;
        Port = port;
        Bucket = bucket;
    }

    public int Port { get; }

    public string Bucket { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>What s3rver printed so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<S3rverServer> StartAsync(string bucket = "marquee-test", CancellationToken cancellationToken = default) =>
        StartAsync(bucket, [], cancellationToken);

    /// <summary>A server with <paramref name="bucket"/> and <paramref name="moreBuckets"/> created.</summary>
    public static async Task<S3rverServer> StartAsync(string bucket, IReadOnlyList<string> moreBuckets, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(TestPaths.NodeTools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed at {script}; run `npm ci` in {TestPaths.NodeTools}.");
        }

        var directory = TestPaths.NewScratchFolder("s3rver");

        // The free port is found by binding and releasing it, so another process can take it before s3rver
        // does; that shows as s3rver exiting early, and a fresh port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var output = new StringBuilder();
            var process = Launch(script, directory, port, [bucket, .. moreBuckets], output);
            try
            {
                await WaitUntilListeningAsync(process, port, cancellationToken);
                return new S3rverServer(process, output, directory, port, bucket);
            }
            catch (Exception e)
            {
                var exitedEarly = process.HasExited;
                Stop(process);
                process.Dispose();
                if (exitedEarly && attempt < 3 && e is not OperationCanceledException)
                {
                    continue;
                }

                TryDeleteFolder(directory);
                if (e is OperationCanceledException)
                {
                    throw;
                }

                lock (output)
                {
                    throw new InvalidOperationException($"s3rver did not start on port {port}: {e.Message}\n{output}", e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        TryDeleteFolder(_directory);
    }

    private static Process Launch(string script, string directory, int port, IReadOnlyList<string> buckets, StringBuilder output)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.NodeTools,
        };

        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17 and later) only
        // offers from its legacy provider; without it every truncated listing is a 500 "internal error".
        // --configure-bucket takes further config files after the name, so the buckets go last.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "--silent", "-d", directory, "-a", "127.0.0.1", "-p", port.ToString() }
            .Concat(buckets.SelectMany(b => new[] { "--configure-bucket", b })))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();

        // Draining both pipes keeps a chatty server from blocking on a full buffer.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilListeningAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode}.");
            }

            try
            {
                // A refused connection on loopback comes back at once, so no per-attempt timeout is needed.
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (waited.Elapsed < StartTimeout)
            {
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"s3rver did not listen within {StartTimeout.TotalSeconds} s.", e);
            }

            // Polling the port is the only readiness signal a silent s3rver gives.
            await Task.Delay(50, cancellationToken);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    private static void TryDeleteFolder(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it is named per run and harmless.
        }
    }
}
