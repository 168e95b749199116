using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Data;

/// <summary>
/// A data directory made by the code of 27 November 2026 (`marquee user add`, `marquee ingest`, one edge heartbeat;
/// database and objects in Data/Fixtures) opens with today's code: its migrations apply, the account signs in, the
/// title plays, and the edge it knew is still listed. Every later schema change must keep this passing.
/// </summary>
public sealed class ExistingDataTests
{
    private const string Fixture = "made-2026-11-27";
    private const string Email = "old@example.com";
    private const string Password = "correct horse battery staple 9";
    private const string TitleId = "a747f93e14fd2aa2";

    [Fact]
    public async Task A_data_directory_from_before_opens_signs_in_and_plays()
    {
        var data = TestPaths.NewScratchFolder("existing-data");
        CopyFolder(Path.Combine(TestPaths.RepositoryRoot, "tests", "Marquee.Origin.Tests", "Data", "Fixtures", Fixture), data);
        await using var server = await OriginServer.StartAsync(data, "--Ingest:Workers", "0");

        using var login = await server.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<Marquee.Origin.Accounts.TokenPair>())!;
        using var viewer = TestAccounts.Client(server, tokens.AccessToken);

        var title = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{TitleId}");
        Assert.Equal("Old Film", title.GetProperty("title").GetString());
        Assert.Equal("ready", title.GetProperty("status").GetString());

        using var play = await viewer.PostAsync($"/api/v1/playback/{TitleId}", null);
        Assert.Equal(HttpStatusCode.OK, play.StatusCode);
        var hls = (await play.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hls").GetString()!;
        using var http = new HttpClient();
        var master = await http.GetStringAsync(hls);
        Assert.Contains("#EXT-X-STREAM-INF", master, StringComparison.Ordinal);
        var segment = await http.GetByteArrayAsync(hls.Replace("master.m3u8", "seg-0-00001.m4s", StringComparison.Ordinal));
        Assert.True(segment.Length > 1000);

        using var admin = await TestAccounts.AdminClientAsync(server, "new-admin@example.com");
        var edges = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
        Assert.Contains(edges.EnumerateArray(), e => e.GetProperty("id").GetString() == "eu-9");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
