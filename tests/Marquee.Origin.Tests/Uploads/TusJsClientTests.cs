using System.Net;
using System.Text.Json;
using Marquee.TestSupport;
using static Marquee.Origin.Tests.Uploads.HttpAssert;
using static Marquee.Origin.Tests.Uploads.UploadProtocolTests;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>The official tus-js-client (tests/js/tus-upload.mjs) against the real endpoint.</summary>
public sealed class TusJsClientTests : IAsyncLifetime
{
    private const int Chunk = 1024 * 1024;
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);
    private UploadTestServer _server = null!;
    private string _scratch = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await UploadTestServer.StartAsync(cancellationToken: Ct);
        _scratch = TestPaths.NewScratchFolder("tus-js");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Uploads_a_5_MB_file_in_1_MB_chunks_byte_for_byte()
    {
        var (path, data) = await WriteRandomFileAsync("Grand Voyage.bin", 5 * Chunk + 12_345);

        var result = await RunAsync(path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var success = Assert.Single(Events(result, "success"));
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/api/v1/uploads/[0-9a-f]{32}$", success.GetProperty("url").GetString());
        Assert.Equal("/api/v1/titles/1", success.GetProperty("title").GetString());

        var received = Assert.Single(_server.Completions.Received);
        Assert.Equal(Sha256(data), received.Sha256);
        Assert.Equal("Grand Voyage.bin", received.Upload.Metadata["filename"]);
        Assert.Equal("Grand Voyage", received.Upload.Metadata["title"]);

        var patches = DataRequests();
        Assert.Equal(6, patches.Count);
        Assert.All(patches, patch => Assert.InRange(patch.BodyBytes, 1, Chunk));
        AssertContiguous(patches, data.Length);
    }

    [Fact(Timeout = 120_000)]
    public async Task Resumes_an_aborted_upload_from_the_stored_offset_without_resending_bytes()
    {
        var (path, data) = await WriteRandomFileAsync("Interrupted.bin", 5 * Chunk + 777);

        // Just past two chunks: the abort lands while the third PATCH is on its way.
        var first = await RunAsync(path, abortAfterBytes: 2 * Chunk + 1);

        Assert.True(first.ExitCode == 0, first.ToString());
        var url = Assert.Single(Events(first, "aborted")).GetProperty("url").GetString()!;
        Assert.Empty(Events(first, "success"));
        Assert.Empty(_server.Completions.Received);

        var second = await RunAsync(path, uploadUrl: url);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(url, Assert.Single(Events(second, "success")).GetProperty("url").GetString());
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);

        // The resumed client asked where to go on (HEAD) and started exactly there, past what the first run stored.
        var head = _server.Requests.First(r => r.Method == "HEAD");
        Assert.Equal(200, head.StatusCode);
        var stored = long.Parse(head.ResponseOffset!);
        Assert.InRange(stored, 2 * Chunk, data.Length - 1);
        Assert.Equal(stored, Events(second, "progress").First().GetProperty("bytesSent").GetInt64());

        // Every byte crossed the wire once: the requests tile the file from 0 with no overlap.
        await Eventually.TrueAsync(() => DataRequests().Sum(p => p.BodyBytes) >= data.Length, "every request is recorded", cancellationToken: Ct);
        var patches = DataRequests();
        AssertContiguous(patches, data.Length);
        Assert.Contains(patches, patch => patch.UploadOffset == stored.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<NodeScriptResult> RunAsync(string file, long? abortAfterBytes = null, string? uploadUrl = null)
    {
        var arguments = new List<string>
        {
            _server.Endpoint.ToString(),
            file,
            UploadTestServer.AdminKey,
            Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            abortAfterBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        };
        if (uploadUrl is not null)
        {
            arguments.Add(uploadUrl);
        }

        var result = await NodeScript.RunAsync("tus-upload.mjs", arguments, NodeTimeout, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        return result;
    }

    private async Task<(string Path, byte[] Data)> WriteRandomFileAsync(string name, int length)
    {
        var data = RandomBytes(length);
        var path = Path.Combine(_scratch, name);
        await File.WriteAllBytesAsync(path, data, Ct);
        return (path, data);
    }

    /// <summary>Requests that carried upload bytes, ordered by where they started.</summary>
    private List<RequestRecord> DataRequests() =>
        _server.Requests.Where(p => p.BodyBytes > 0).OrderBy(p => long.Parse(p.UploadOffset ?? "0")).ToList();

    private static void AssertContiguous(List<RequestRecord> patches, long length)
    {
        var expected = 0L;
        foreach (var patch in patches)
        {
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), patch.UploadOffset);
            expected += patch.BodyBytes;
        }

        Assert.Equal(length, expected);
    }

    private static List<JsonElement> Events(NodeScriptResult result, string name) =>
        result.StandardOutputLines
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(element => element.GetProperty("event").GetString() == name)
            .ToList();
}
