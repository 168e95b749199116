using System.Globalization;
using System.Net.Sockets;

namespace Marquee.Cli.Scale;

/// <summary>
/// s3rver (npm, installed by the <c>./marquee</c> script into tools/s3) as the S3-compatible object store of
/// <c>./marquee up --scale</c>: objects as files under <c>{folder}/data</c>, one bucket, bound to 127.0.0.1. s3rver
/// accepts only its fixed development key pair, so it is for one machine, never a network.
/// </summary>
internal sealed class LocalS3 : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    public const string Bucket = "marquee";

    /// <summary>Where the script puts s3rver's entry point.</summary>
    public const string ScriptVariable = "MARQUEE_S3RVER";

    private readonly ServiceProcess process;

    private LocalS3(ServiceProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<LocalS3> StartAsync(string folder, int port, CancellationToken cancellationToken)
    {
        var script = FindScript() ?? throw new ScaleException(
            $"s3rver is not installed: run ./marquee up --scale (it installs tools/s3), or `npm ci` in tools/s3, or set {ScriptVariable} to s3rver's bin/s3rver.js.");
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);

        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 offers only from its legacy
        // provider. --configure-bucket takes further config files after the name, so it goes last; on a folder that
        // already holds the bucket it keeps the objects.
        string[] arguments = ["--openssl-legacy-provider", script, "--silent", "-d", data, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--configure-bucket", Bucket];
        var server = ServiceProcess.Start("s3rver", "node", arguments, Path.Combine(folder, "s3rver.log"));
        var s3 = new LocalS3(server, port);
        try
        {
            await s3.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            await s3.DisposeAsync();
            throw;
        }

        return s3;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static string? FindScript()
    {
        if (Environment.GetEnvironmentVariable(ScriptVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        // Run from the repository's build output without the script: find tools/s3 above it.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tools", "s3", "node_modules", "s3rver", "bin", "s3rver.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new ScaleException($"s3rver stopped at once (is port {Port} taken?): {process.Tail()}");
            }

            try
            {
                // The bucket is made before s3rver listens, so listening means ready.
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException)
            {
                throw new ScaleException($"s3rver did not listen on 127.0.0.1:{Port} within 30 s: {process.Tail()}");
            }
        }
    }
}
