using System.Net;
using Marquee.TestSupport;
using static Marquee.Origin.Tests.Uploads.HttpAssert;
using static Marquee.Origin.Tests.Uploads.UploadProtocolTests;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>What happens when the last byte arrives: the completion handler, its verdicts, and what is left afterwards.</summary>
public sealed class UploadCompletionTests : IAsyncLifetime
{
    private UploadTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await UploadTestServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task The_handler_is_called_once_with_the_exact_bytes_and_its_title_is_returned()
    {
        var data = RandomBytes(700_001);
        var (path, id) = await _server.CreateAsync(data.Length, $"filename {B64("clip.mp4")},title {B64("Clip")}", Ct);

        for (var offset = 0; offset < data.Length; offset += 250_000)
        {
            var end = Math.Min(offset + 250_000, data.Length);
            using var response = await _server.PatchAsync(path, offset, data[offset..end], Ct);
            Status(response, HttpStatusCode.NoContent);
            Assert.Equal(end, Offset(response));
            Assert.Equal(end == data.Length ? "/api/v1/titles/1" : null, HeaderOrNull(response, "Marquee-Title"));
        }

        var received = Assert.Single(_server.Completions.Received);
        Assert.Equal(Sha256(data), received.Sha256);
        Assert.Equal(data.Length, received.FileLength);
        Assert.Equal(id, received.Upload.Id);
        Assert.Equal(data.Length, received.Upload.Length);
        Assert.Equal(_server.BinPath(id), received.Upload.FilePath);
        Assert.Equal(new Dictionary<string, string> { ["filename"] = "clip.mp4", ["title"] = "Clip" }, received.Upload.Metadata);

        // The handler had its chance to take the file; the folder keeps only the record of the completion.
        Assert.False(File.Exists(_server.BinPath(id)));
        using (var head = await _server.HeadAsync(path, Ct))
        {
            Status(head, HttpStatusCode.OK);
            Assert.Equal(data.Length, Offset(head));
            Assert.Equal("/api/v1/titles/1", Header(head, "Marquee-Title"));
        }

        using var again = await _server.PatchAsync(path, data.Length, [1], Ct);
        Assert.Contains("already", await ProblemAsync(again, HttpStatusCode.Conflict));
        using var stale = await _server.PatchAsync(path, 0, [1], Ct);
        await ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Single(_server.Completions.Received);
    }

    [Fact]
    public async Task A_refused_upload_answers_the_handlers_problem_and_is_deleted()
    {
        var data = RandomBytes(5000);
        var (path, id) = await _server.CreateAsync(data.Length, "refuse", Ct);
        using (var first = await _server.PatchAsync(path, 0, data[..3000], Ct))
        {
            Status(first, HttpStatusCode.NoContent);
        }

        using var last = await _server.PatchAsync(path, 3000, data[3000..], Ct);

        Assert.Equal("The test handler refuses uploads marked 'refuse'.", await ProblemAsync(last, HttpStatusCode.UnprocessableEntity));
        Assert.Equal("1.0.0", Header(last, "Tus-Resumable"));
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);
        Assert.False(File.Exists(_server.BinPath(id)));
        Assert.False(File.Exists(_server.JsonPath(id)));
        using var head = await _server.HeadAsync(path, Ct);
        Status(head, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refusal_of_data_sent_with_the_creation_request_is_answered_to_the_post()
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, "/api/v1/uploads");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", "refuse");
        request.Content = UploadTestServer.Data(RandomBytes(10));
        using var response = await _server.Client.SendAsync(request, Ct);

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Fact]
    public async Task A_failing_handler_answers_500_and_the_upload_is_deleted_so_the_client_starts_over()
    {
        var (path, id) = await _server.CreateAsync(10, "explode", Ct);

        using var last = await _server.PatchAsync(path, 0, RandomBytes(10), Ct);

        Assert.Contains("upload again", await ProblemAsync(last, HttpStatusCode.InternalServerError));
        Assert.False(File.Exists(_server.JsonPath(id)));
        using var head = await _server.HeadAsync(path, Ct);
        Status(head, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bytes_survive_a_restart_of_the_server()
    {
        var data = RandomBytes(90_000);
        var folder = TestPaths.NewScratchFolder("uploads-restart");
        try
        {
            string path;
            await using (var before = await UploadTestServer.StartAsync(folder, Ct))
            {
                (path, _) = await before.CreateAsync(data.Length, $"title {B64("Restarted")}", Ct);
                using var first = await before.PatchAsync(path, 0, data[..40_000], Ct);
                Status(first, HttpStatusCode.NoContent);
            }

            await using var after = await UploadTestServer.StartAsync(folder, Ct);
            using (var head = await after.HeadAsync(path, Ct))
            {
                Status(head, HttpStatusCode.OK);
                Assert.Equal(40_000, Offset(head));
            }

            using var rest = await after.PatchAsync(path, 40_000, data[40_000..], Ct);
            Status(rest, HttpStatusCode.NoContent);
            var received = Assert.Single(after.Completions.Received);
            Assert.Equal(Sha256(data), received.Sha256);
            Assert.Equal("Restarted", received.Upload.Metadata["title"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_upload_interrupted_during_completion_is_reported_missing_so_the_client_starts_over()
    {
        // A crash while the handler ran leaves every byte on disk but no completion in the record.
        var (path, id) = await _server.CreateAsync(10, cancellationToken: Ct);
        await File.WriteAllBytesAsync(_server.BinPath(id), RandomBytes(10), Ct);

        using var head = await _server.HeadAsync(path, Ct);

        Status(head, HttpStatusCode.NotFound);
        Assert.Empty(Directory.GetFiles(_server.Folder));
        Assert.Empty(_server.Completions.Received);
    }
}
