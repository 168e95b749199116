using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Ingest;

/// <summary>Uploads through the real origin: tus-js-client in, a playable title out; hostile bytes refused.</summary>
public sealed class UploadIngestTests
{
    [Fact]
    public async Task A_clip_uploaded_with_tus_js_client_becomes_a_playable_title()
    {
        await using var origin = await OriginServer.StartAsync();
        var clip = Path.Combine(TestPaths.NewScratchFolder("upload"), "Uploaded Clip.mp4");
        File.Copy(await Clips.GetAsync(new ClipSpec(Seconds: 5)), clip);

        var (code, stdout, stderr) = await Tool.RunAsync("node",
            [Path.Combine(TestPaths.NodeTools, "tus-upload.mjs"), new Uri(origin.Address, "/api/v1/uploads").ToString(), clip, OriginServer.AdminKey, "262144"]);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("\"event\":\"success\"", stdout, StringComparison.Ordinal);
        var list = await (await Accounts.TestAccounts.AdminClientAsync(origin)).GetFromJsonAsync<JsonElement>("/api/v1/admin/titles");
        var id = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "Uploaded Clip").GetProperty("id").GetString()!;
        var title = await origin.WaitForTitleAsync(id);
        Assert.EndsWith("master.m3u8", title.GetProperty("hls").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_upload_is_answered_415_with_a_problem_and_creates_nothing()
    {
        await using var origin = await OriginServer.StartAsync();
        var body = await File.ReadAllBytesAsync(HostileInputs.HlsPlaylist(9));
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("X-Marquee-Admin-Key", OriginServer.AdminKey);
        create.Headers.Add("Upload-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", "title " + Convert.ToBase64String("Evil"u8.ToArray()));
        using var created = await origin.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location);
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("X-Marquee-Admin-Key", OriginServer.AdminKey);
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new ByteArrayContent(body);
        patch.Content.Headers.ContentType = new("application/offset+octet-stream");
        using var refused = await origin.Http.SendAsync(patch);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("hls", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await (await Accounts.TestAccounts.AdminClientAsync(origin)).GetFromJsonAsync<JsonElement>("/api/v1/admin/titles");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Subtitles_uploaded_before_the_video_are_packaged_with_it()
    {
        await using var origin = await OriginServer.StartAsync();
        var srt = "1\n00:00:01,000 --> 00:00:02,000\nBonjour\n"u8.ToArray();
        var video = await File.ReadAllBytesAsync(await Clips.GetAsync(new ClipSpec(Seconds: 5)));

        using var subtitleDone = await TusAsync(origin, srt, ("kind", "subtitles"), ("language", "fr"));
        var subtitleId = subtitleDone.RequestMessage!.RequestUri!.Segments[^1];
        using var videoDone = await TusAsync(origin, video, ("title", "Avec Sous-titres"), ("subtitles", subtitleId));

        Assert.Equal(HttpStatusCode.NoContent, subtitleDone.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, videoDone.StatusCode);
        var titleUrl = videoDone.Headers.GetValues("Marquee-Title").Single();
        var title = await origin.WaitForTitleAsync(titleUrl.Split('/')[^1]);
        Assert.Equal(["fr"], title.GetProperty("subtitles").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_video_naming_an_unknown_subtitle_upload_is_refused_422()
    {
        await using var origin = await OriginServer.StartAsync();
        var video = await File.ReadAllBytesAsync(await Clips.GetAsync(new ClipSpec(Seconds: 4)));

        using var done = await TusAsync(origin, video, ("title", "Orphan"), ("subtitles", "../../etc/passwd"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, done.StatusCode);
        Assert.Contains("not a finished subtitle upload", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Creates a tus upload and sends it in one PATCH; returns the final PATCH's response.</summary>
    private static async Task<HttpResponseMessage> TusAsync(OriginServer origin, byte[] body, params (string Key, string Value)[] metadata)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("X-Marquee-Admin-Key", OriginServer.AdminKey);
        create.Headers.Add("Upload-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", string.Join(',', metadata.Select(m => m.Key + " " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(m.Value)))));
        using var created = await origin.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(origin.Address, created.Headers.Location!));
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("X-Marquee-Admin-Key", OriginServer.AdminKey);
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new ByteArrayContent(body);
        patch.Content.Headers.ContentType = new("application/offset+octet-stream");
        return await origin.Http.SendAsync(patch);
    }

    [Fact]
    public async Task Uploads_without_the_admin_key_are_refused()
    {
        await using var origin = await OriginServer.StartAsync();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", "100");

        using var response = await origin.Http.SendAsync(create);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
