using System.Globalization;
using System.Net;
using System.Text;
using Marquee.TestSupport;
using static Marquee.Origin.Tests.Uploads.HttpAssert;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>The tus 1.0 protocol as a client sees it, over real HTTP against Kestrel.</summary>
public sealed class UploadProtocolTests : IAsyncLifetime
{
    private const string Base = "/api/v1/uploads";
    private UploadTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await UploadTestServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Options_advertises_tus_1_0_and_its_extensions_without_an_admin_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Base);
        using var response = await _server.Client.SendAsync(request, Ct);

        Status(response, HttpStatusCode.NoContent);
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
        Assert.Equal("1.0.0", Header(response, "Tus-Version"));
        Assert.Equal(
            ["creation", "creation-with-upload", "expiration", "termination"],
            Header(response, "Tus-Extension").Split(',').Order());
        Assert.Equal(UploadTestServer.MaxSizeBytes.ToString(CultureInfo.InvariantCulture), Header(response, "Tus-Max-Size"));
    }

    [Fact]
    public async Task Create_answers_201_with_a_random_location_and_an_expiry_and_makes_the_files()
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", "1000");
        using var response = await _server.Client.SendAsync(request, Ct);

        Status(response, HttpStatusCode.Created);
        Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/api/v1/uploads/[0-9a-f]{32}$", location);
        Assert.Equal(UploadTestServer.Start.AddHours(24), ParseDate(Header(response, "Upload-Expires")));

        var id = location[(location.LastIndexOf('/') + 1)..];
        Assert.Equal(0, new FileInfo(_server.BinPath(id)).Length);
        Assert.True(File.Exists(_server.JsonPath(id)));

        var (second, _) = await _server.CreateAsync(1000, cancellationToken: Ct);
        Assert.NotEqual(location, second);
    }

    [Fact]
    public async Task Head_reports_offset_length_metadata_expiry_and_no_store()
    {
        var metadata = $"filename {B64("Le Voyage — été.mp4")},title {B64("映画 🎬")},draft";
        var (path, _) = await _server.CreateAsync(300, metadata, Ct);
        using (var patch = await _server.PatchAsync(path, 0, new byte[120], Ct))
        {
            Status(patch, HttpStatusCode.NoContent);
        }

        using var head = await _server.HeadAsync(path, Ct);

        Status(head, HttpStatusCode.OK);
        Assert.Equal("120", Header(head, "Upload-Offset"));
        Assert.Equal("300", Header(head, "Upload-Length"));
        Assert.Equal("no-store", Header(head, "Cache-Control"));
        Assert.Equal("1.0.0", Header(head, "Tus-Resumable"));
        Assert.Equal(UploadTestServer.Start.AddHours(24), ParseDate(Header(head, "Upload-Expires")));
        var pairs = Header(head, "Upload-Metadata").Split(',').Select(pair => pair.Split(' ')).ToDictionary(
            parts => parts[0], parts => parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : "");
        Assert.Equal("Le Voyage — été.mp4", pairs["filename"]);
        Assert.Equal("映画 🎬", pairs["title"]);
        Assert.Equal("", pairs["draft"]);
    }

    [Fact]
    public async Task Patch_in_pieces_appends_and_slides_the_expiry()
    {
        var data = RandomBytes(250_000);
        var (path, id) = await _server.CreateAsync(data.Length + 1, cancellationToken: Ct);

        var offset = 0;
        foreach (var size in new[] { 100_000, 1, 149_999 })
        {
            _server.Time.Advance(TimeSpan.FromHours(1));
            using var response = await _server.PatchAsync(path, offset, data[offset..(offset + size)], Ct);
            offset += size;
            Status(response, HttpStatusCode.NoContent);
            Assert.Equal(offset, Offset(response));
            Assert.Equal(_server.Time.GetUtcNow().AddHours(24), ParseDate(Header(response, "Upload-Expires")));
        }

        using var head = await _server.HeadAsync(path, Ct);
        Assert.Equal(data.Length, Offset(head));
        Assert.Equal(data, await File.ReadAllBytesAsync(_server.BinPath(id), Ct));
        Assert.Empty(_server.Completions.Received);
    }

    [Fact]
    public async Task Patch_at_the_wrong_offset_is_409_and_stores_nothing()
    {
        var (path, id) = await _server.CreateAsync(100, cancellationToken: Ct);
        using (var first = await _server.PatchAsync(path, 0, new byte[10], Ct))
        {
            Status(first, HttpStatusCode.NoContent);
        }

        using var behind = await _server.PatchAsync(path, 0, new byte[10], Ct);
        Assert.Contains("holds 10 bytes", await ProblemAsync(behind, HttpStatusCode.Conflict));
        using var ahead = await _server.PatchAsync(path, 20, new byte[10], Ct);
        await ProblemAsync(ahead, HttpStatusCode.Conflict);

        Assert.Equal(10, new FileInfo(_server.BinPath(id)).Length);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Patch_without_the_offset_octet_stream_type_is_415(string? contentType)
    {
        var (path, id) = await _server.CreateAsync(100, cancellationToken: Ct);
        using var request = UploadTestServer.Request(HttpMethod.Patch, path);
        request.Headers.Add("Upload-Offset", "0");
        request.Content = new ByteArrayContent(new byte[10]);
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new(contentType);
        }

        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains("application/offset+octet-stream", await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType));
        Assert.Equal(0, new FileInfo(_server.BinPath(id)).Length);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData(null)]
    public async Task Patch_with_a_missing_or_malformed_offset_is_400(string? offset)
    {
        var (path, _) = await _server.CreateAsync(100, cancellationToken: Ct);
        using var request = UploadTestServer.Request(HttpMethod.Patch, path);
        if (offset is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Offset", offset);
        }

        request.Content = UploadTestServer.Data(new byte[10]);
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains("Upload-Offset", await ProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData(UploadTestServer.AdminKey + "x")]
    [InlineData("")]
    public async Task Requests_without_the_admin_key_are_401_and_change_nothing(string? key)
    {
        var (path, id) = await _server.CreateAsync(100, cancellationToken: Ct);

        using var create = UploadTestServer.Request(HttpMethod.Post, Base, adminKey: key);
        create.Headers.Add("Upload-Length", "100");
        using var patch = UploadTestServer.Request(HttpMethod.Patch, path, adminKey: key);
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = UploadTestServer.Data(new byte[10]);
        using var head = UploadTestServer.Request(HttpMethod.Head, path, adminKey: key);
        using var delete = UploadTestServer.Request(HttpMethod.Delete, path, adminKey: key);

        foreach (var request in new[] { create, patch, head, delete })
        {
            using var response = await _server.Client.SendAsync(request, Ct);
            Status(response, HttpStatusCode.Unauthorized);
            if (request.Method != HttpMethod.Head)
            {
                Assert.Contains("X-Marquee-Admin-Key", await ProblemAsync(response, HttpStatusCode.Unauthorized));
            }
        }

        Assert.Single(Directory.GetFiles(_server.Folder, "*.json"));
        Assert.Equal(0, new FileInfo(_server.BinPath(id)).Length);
    }

    [Theory]
    [InlineData("0.2.2")]
    [InlineData("1.0")]
    [InlineData(null)]
    public async Task Another_tus_version_is_412_with_the_supported_version(string? version)
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base, tusVersion: version);
        request.Headers.Add("Upload-Length", "100");
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains("1.0.0", await ProblemAsync(response, HttpStatusCode.PreconditionFailed));
        Assert.Equal("1.0.0", Header(response, "Tus-Version"));
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Fact]
    public async Task An_upload_larger_than_the_maximum_is_413()
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", (UploadTestServer.MaxSizeBytes + 1).ToString(CultureInfo.InvariantCulture));
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains(UploadTestServer.MaxSizeBytes.ToString(CultureInfo.InvariantCulture), await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge));
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Theory]
    [InlineData(null, null, "Send Upload-Length")]
    [InlineData("abc", null, "positive integer")]
    [InlineData("0", null, "positive integer")]
    [InlineData("-5", null, "positive integer")]
    [InlineData(null, "1", "Upload-Defer-Length is not supported")]
    [InlineData("100", "1", "Upload-Defer-Length is not supported")]
    public async Task Create_needs_a_positive_upload_length(string? length, string? deferLength, string expected)
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        if (length is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Length", length);
        }

        if (deferLength is not null)
        {
            request.Headers.Add("Upload-Defer-Length", deferLength);
        }

        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains(expected, await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Theory]
    [InlineData("filename not*base64", "not base64")]
    [InlineData("file*name Zm9v", "key 'file*name' is invalid")]
    [InlineData("a Zm9v,a YmFy", "more than once")]
    [InlineData("a Zm9v b", "single space")]
    [InlineData("a //79", "not base64-encoded UTF-8")]
    public async Task Create_with_bad_metadata_is_400(string metadata, string expected)
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", "100");
        request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains(expected, await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Fact]
    public async Task Create_with_more_than_4_KB_of_metadata_is_400()
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", "100");
        request.Headers.Add("Upload-Metadata", "title " + B64(new string('x', 3100)));
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains("at most 4096", await ProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Delete_removes_the_files_and_then_the_upload_is_404()
    {
        var (path, id) = await _server.CreateAsync(100, cancellationToken: Ct);
        using (var patch = await _server.PatchAsync(path, 0, new byte[10], Ct))
        {
            Status(patch, HttpStatusCode.NoContent);
        }

        using var delete = UploadTestServer.Request(HttpMethod.Delete, path);
        using (var response = await _server.Client.SendAsync(delete, Ct))
        {
            Status(response, HttpStatusCode.NoContent);
            Assert.Equal("1.0.0", Header(response, "Tus-Resumable"));
        }

        Assert.Empty(Directory.GetFiles(_server.Folder));
        using var head = await _server.HeadAsync(path, Ct);
        Status(head, HttpStatusCode.NotFound);
        using var patchAgain = await _server.PatchAsync(path, 10, new byte[10], Ct);
        await ProblemAsync(patchAgain, HttpStatusCode.NotFound);
        using var deleteAgain = UploadTestServer.Request(HttpMethod.Delete, path);
        using var again = await _server.Client.SendAsync(deleteAgain, Ct);
        await ProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("abc")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    public async Task Unknown_or_malformed_ids_are_404(string id)
    {
        using var head = await _server.HeadAsync($"{Base}/{id}", Ct);
        Status(head, HttpStatusCode.NotFound);
        using var patch = await _server.PatchAsync($"{Base}/{id}", 0, new byte[1], Ct);
        await ProblemAsync(patch, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overshooting_upload_length_with_content_length_is_400_and_keeps_the_stored_bytes()
    {
        var data = RandomBytes(100);
        var (path, id) = await _server.CreateAsync(100, cancellationToken: Ct);
        using (var first = await _server.PatchAsync(path, 0, data[..60], Ct))
        {
            Status(first, HttpStatusCode.NoContent);
        }

        using var overshoot = await _server.PatchAsync(path, 60, RandomBytes(41), Ct);

        Assert.Contains("40 bytes left", await ProblemAsync(overshoot, HttpStatusCode.BadRequest));
        Assert.Equal(data[..60], await File.ReadAllBytesAsync(_server.BinPath(id), Ct));
        using var rest = await _server.PatchAsync(path, 60, data[60..], Ct);
        Status(rest, HttpStatusCode.NoContent);
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);
    }

    [Fact]
    public async Task Overshooting_upload_length_in_a_chunked_body_is_400_and_keeps_the_stored_bytes()
    {
        var data = RandomBytes(200_000);
        var (path, id) = await _server.CreateAsync(150_000, cancellationToken: Ct);
        using (var first = await _server.PatchAsync(path, 0, data[..50_000], Ct))
        {
            Status(first, HttpStatusCode.NoContent);
        }

        // No Content-Length, so the server only finds out while streaming, after it has written some of it.
        using var request = UploadTestServer.Request(HttpMethod.Patch, path);
        request.Headers.Add("Upload-Offset", "50000");
        request.Content = new GatedContent(data[50_000..], 120_000, Task.CompletedTask, knownLength: false);
        request.Content.Headers.ContentType = new("application/offset+octet-stream");
        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Contains("nothing of it was stored", await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(data[..50_000], await File.ReadAllBytesAsync(_server.BinPath(id), Ct));
        using var head = await _server.HeadAsync(path, Ct);
        Assert.Equal(50_000, Offset(head));
        Assert.Empty(_server.Completions.Received);
    }

    [Fact]
    public async Task A_second_patch_while_one_is_running_is_423_and_does_not_interleave()
    {
        var data = RandomBytes(200);
        var (path, id) = await _server.CreateAsync(200, cancellationToken: Ct);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var slow = UploadTestServer.Request(HttpMethod.Patch, path);
        slow.Headers.Add("Upload-Offset", "0");
        slow.Content = new GatedContent(data, 100, gate.Task);
        slow.Content.Headers.ContentType = new("application/offset+octet-stream");
        var slowResponse = _server.Client.SendAsync(slow, Ct);
        await Eventually.TrueAsync(() => new FileInfo(_server.BinPath(id)).Length == 100, "the first half is on disk", cancellationToken: Ct);

        using (var second = await _server.PatchAsync(path, 0, RandomBytes(50), Ct))
        {
            Assert.Contains("Another request", await ProblemAsync(second, HttpStatusCode.Locked));
        }

        using (var third = await _server.PatchAsync(path, 100, RandomBytes(50), Ct))
        {
            await ProblemAsync(third, HttpStatusCode.Locked);
        }

        gate.SetResult();
        using var first = await slowResponse;
        Status(first, HttpStatusCode.NoContent);
        Assert.Equal(200, Offset(first));
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_body_keeps_what_arrived_and_can_resume()
    {
        var data = RandomBytes(300_000);
        var (path, id) = await _server.CreateAsync(data.Length, cancellationToken: Ct);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var broken = UploadTestServer.Request(HttpMethod.Patch, path);
        broken.Headers.Add("Upload-Offset", "0");
        broken.Content = new GatedContent(data, 123_456, gate.Task, breakOff: true);
        broken.Content.Headers.ContentType = new("application/offset+octet-stream");
        var brokenResponse = _server.Client.SendAsync(broken, Ct);
        await Eventually.TrueAsync(() => new FileInfo(_server.BinPath(id)).Length == 123_456, "the first part is on disk", cancellationToken: Ct);
        gate.SetResult();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => brokenResponse);

        // HEAD waits for the broken PATCH to let go of the upload, so it reads the settled offset.
        using var head = await _server.HeadAsync(path, Ct);
        Assert.Equal(123_456, Offset(head));
        using var rest = await _server.PatchAsync(path, 123_456, data[123_456..], Ct);
        Status(rest, HttpStatusCode.NoContent);

        var received = Assert.Single(_server.Completions.Received);
        Assert.Equal(Sha256(data), received.Sha256);
    }

    [Fact]
    public async Task A_single_patch_larger_than_the_servers_default_body_limit_is_accepted()
    {
        // tus-js-client sends a whole file in one PATCH unless told a chunk size; Kestrel stops bodies at 30 MB by default.
        var data = RandomBytes(31 * 1024 * 1024);
        var (path, _) = await _server.CreateAsync(data.Length, cancellationToken: Ct);

        using var response = await _server.PatchAsync(path, 0, data, Ct);

        Status(response, HttpStatusCode.NoContent);
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);
    }

    [Fact]
    public async Task Creation_with_upload_stores_the_first_chunk()
    {
        var data = RandomBytes(1000);
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", "1000");
        request.Content = UploadTestServer.Data(data[..400]);
        using var response = await _server.Client.SendAsync(request, Ct);

        Status(response, HttpStatusCode.Created);
        Assert.Equal(400, Offset(response));
        var path = response.Headers.Location!.OriginalString;
        using var rest = await _server.PatchAsync(path, 400, data[400..], Ct);
        Status(rest, HttpStatusCode.NoContent);
        Assert.Equal(Sha256(data), Assert.Single(_server.Completions.Received).Sha256);
    }

    [Fact]
    public async Task Creation_with_a_body_of_another_type_is_415()
    {
        using var request = UploadTestServer.Request(HttpMethod.Post, Base);
        request.Headers.Add("Upload-Length", "1000");
        request.Content = UploadTestServer.Data(new byte[10], "application/octet-stream");
        using var response = await _server.Client.SendAsync(request, Ct);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(Directory.GetFiles(_server.Folder));
    }

    [Fact]
    public async Task Post_with_method_override_acts_as_patch_and_delete()
    {
        var (path, _) = await _server.CreateAsync(100, cancellationToken: Ct);
        using var patch = UploadTestServer.Request(HttpMethod.Post, path);
        patch.Headers.Add("X-HTTP-Method-Override", "PATCH");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = UploadTestServer.Data(new byte[30]);
        using (var response = await _server.Client.SendAsync(patch, Ct))
        {
            Status(response, HttpStatusCode.NoContent);
            Assert.Equal(30, Offset(response));
        }

        using var delete = UploadTestServer.Request(HttpMethod.Post, path);
        delete.Headers.Add("X-HTTP-Method-Override", "DELETE");
        using (var response = await _server.Client.SendAsync(delete, Ct))
        {
            Status(response, HttpStatusCode.NoContent);
        }

        using var head = await _server.HeadAsync(path, Ct);
        Status(head, HttpStatusCode.NotFound);
    }

    internal static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    internal static string Sha256(byte[] data) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data));

    internal static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    internal static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
