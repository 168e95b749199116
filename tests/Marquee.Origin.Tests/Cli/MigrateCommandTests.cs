using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Cli;

/// <summary>
/// <c>marquee migrate</c> run as the real CLI: an installation made on SQLite with the filesystem store moves to a
/// fresh PostgreSQL database and an s3rver bucket, and an origin on the new settings serves the same viewers, titles
/// and media. The source is made on SQLite explicitly, so the PostgreSQL pass of the suite runs the same test.
/// </summary>
public sealed class MigrateCommandTests
{
    private const string Viewer = "mover@example.com";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_installation_on_sqlite_moves_to_postgres_and_s3_and_an_origin_there_serves_the_same_viewers_titles_and_media()
    {
        var data = await SqliteDataDirectoryAsync();
        string movie, german, hls, accessToken;
        var cookies = new CookieContainer();
        await using (var before = await OriginServer.StartAsync(data, "--Accounts:AuthRequestsPerMinute", "1000"))
        {
            using var viewer = await TestAccounts.SignedInClientAsync(before, Viewer, plan: "premium");
            using (var profile = await viewer.PostAsJsonAsync("/api/v1/profiles", new { name = "Second" }))
            {
                Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync());
            }

            movie = await before.IngestAsync(await Clips.GetAsync(new ClipSpec(Seconds: 4)), "Moved Film");
            hls = (await before.WaitForTitleAsync(movie)).GetProperty("hls").GetString()!;
            german = await TestAccounts.TitleAsync(before, "Only In Germany", countries: "DE");
            await using (var scope = before.App.Services.CreateAsyncScope())
            {
                // Credits are a JSON column of owned rows: they travel with their title, through both providers' mappings.
                var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
                var withCredits = await db.Titles.SingleAsync(t => t.Id == movie);
                withCredits.Credits = [new() { Name = "Ada Director", Role = "director" }, new() { Name = "Bo Actor", Role = "actor", Character = "Bo" }];
                await db.SaveChangesAsync();
            }

            using (var listed = await viewer.PutAsync($"/api/v1/my-list/{movie}", null))
            {
                Assert.True(listed.IsSuccessStatusCode);
            }

            var lease = await PlayAsync(viewer, movie);
            using (var reported = await viewer.PostAsJsonAsync($"/api/v1/streams/{lease}/renew", new { playbackId = movie, positionSeconds = 2.5, durationSeconds = 4 }))
            {
                Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
            }

            using (await viewer.DeleteAsync($"/api/v1/streams/{lease}"))
            {
            }

            accessToken = (await TestAccounts.LoginAsync(before, Viewer)).AccessToken;
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = before.Address };
            using var login = await browser.PostAsJsonAsync("/api/v1/auth/browser/login", new { email = Viewer, password = TestAccounts.Password });
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        }

        var sqliteHash = Hash(new DataDirectory(data).Database);
        var postgres = await TestDatabase.ServerAsync();
        var name = "moved_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        await using var s3 = await S3rverServer.StartAsync("moved-media");

        string[] migrate =
        [
            "migrate", "--to", postgres.Url(name), "--data", data,
            "--s3-url", s3.ServiceUrl, "--s3-bucket", s3.Bucket, "--s3-access-key", S3rverServer.AccessKey, "--s3-secret-key", S3rverServer.SecretKey,
        ];
        var settingsFile = new DataDirectory(data).Settings;
        var settingsBefore = await File.ReadAllTextAsync(settingsFile);

        var (code, stdout, stderr) = await MarqueeCli.RunAsync(migrate);

        TestContext.Current.TestOutputHelper?.WriteLine(stdout);
        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("DIFFERS", stdout, StringComparison.Ordinal);
        Assert.Matches(@"AspNetUsers\s+1\s+1", stdout);
        Assert.Matches(@"titles\s+2\s+2", stdout);
        Assert.Matches(@"watch_progress\s+1\s+1", stdout);
        Assert.Contains("MARQUEE_Storage__Kind=s3", stdout, StringComparison.Ordinal);
        Assert.Equal(settingsBefore, await File.ReadAllTextAsync(settingsFile));

        // Run again (as after an interruption), now writing the settings: nothing is copied twice.
        (code, stdout, stderr) = await MarqueeCli.RunAsync([.. migrate, "--write-settings"]);

        TestContext.Current.TestOutputHelper?.WriteLine(stdout);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("objects: 0 copied", stdout, StringComparison.Ordinal);
        Assert.Contains("database: already copied", stdout, StringComparison.Ordinal);
        Assert.Equal(sqliteHash, Hash(new DataDirectory(data).Database));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settingsFile));
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        Assert.Equal("postgres", (string?)settings["Database"]!["Provider"]);
        Assert.Equal("s3", (string?)settings["Storage"]!["Kind"]);
        Assert.Equal("kept", (string?)settings["Marker"]);

        // With the folder gone, media can only come from the bucket.
        var objects = new DataDirectory(data).Objects;
        Directory.Move(objects, objects + ".before-migrate");
        var segment = hls[..^"master.m3u8".Length] + "init-0.m4s";
        var oldSegment = await File.ReadAllBytesAsync(Path.Combine(objects + ".before-migrate", segment.TrimStart('/').Replace('/', Path.DirectorySeparatorChar)));

        await using var after = await OriginServer.StartAsync(data, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");
        using var again = TestAccounts.Client(after, (await TestAccounts.LoginAsync(after, Viewer)).AccessToken);
        var profiles = await again.GetFromJsonAsync<JsonElement>("/api/v1/profiles");
        Assert.Contains(profiles.EnumerateArray(), p => p.GetProperty("name").GetString() == "Second");
        var title = await again.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{movie}");
        Assert.Equal("ready", title.GetProperty("status").GetString());
        Assert.Equal(hls, title.GetProperty("hls").GetString());
        var credits = (await again.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{movie}")).GetProperty("credits").EnumerateArray();
        Assert.Equal(["Ada Director/director/", "Bo Actor/actor/Bo"], credits.Select(c => $"{c.GetProperty("name")}/{c.GetProperty("role")}/{(c.TryGetProperty("character", out var ch) ? ch.GetString() : "")}"));
        var myList = await again.GetFromJsonAsync<JsonElement>("/api/v1/my-list");
        Assert.Equal([movie], myList.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var progress = Assert.Single((await again.GetFromJsonAsync<JsonElement>($"/api/v1/progress/{movie}")).GetProperty("items").EnumerateArray());
        Assert.Equal(2.5, progress.GetProperty("positionSeconds").GetDouble());

        // What was issued before the move still holds: the signing key and the Data Protection key ring moved too.
        // Both origins listen on 127.0.0.1, so the cookie container sends the old origin's cookie to the new one.
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = after.Address })
        using (var byCookie = await browser.GetAsync("/api/v1/account"))
        using (var byToken = await TestAccounts.Client(after, accessToken).GetAsync("/api/v1/account"))
        {
            Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
            Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        }

        // A second play adds rows with generated ids, which collide unless the sequences moved past the copied ones.
        using (var unlicensed = await again.PostAsync($"/api/v1/playback/{german}", null))
        {
            Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, unlicensed.StatusCode);
        }

        await PlayAsync(again, movie);
        using var edge = after.EdgeHttp();
        Assert.Equal(oldSegment, await edge.GetByteArrayAsync(segment));
    }

    [Fact]
    public async Task A_target_that_already_holds_data_is_refused_and_left_as_it_was()
    {
        var source = await SqliteDataDirectoryWithUserAsync("source@example.com");
        var postgres = await TestDatabase.ServerAsync();
        var name = "taken_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        var other = TestPaths.NewScratchFolder("migrate-other");
        var onPostgres = new Dictionary<string, string> { ["MARQUEE_Database__Provider"] = "postgres", ["MARQUEE_Database__ConnectionString"] = postgres.Url(name) };
        var added = await MarqueeCli.RunAsync(["user", "add", "someone@example.com", "--data", other], onPostgres, TestAccounts.Password);
        Assert.True(added.ExitCode == 0, added.Stderr);

        var (code, stdout, stderr) = await MarqueeCli.RunAsync(["migrate", "--to", postgres.Url(name), "--data", source]);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("already holds data", line, StringComparison.Ordinal);
        Assert.Contains("AspNetUsers: 1 rows", line, StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.Password, stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(source, "marquee.json")) && File.ReadAllText(Path.Combine(source, "marquee.json")).Contains("postgres", StringComparison.Ordinal));
        await using var target = TestDatabase.Open(WithSettings(TestPaths.NewScratchFolder("migrate-peek"), TestDatabase.ConnectionString(postgres, name)));
        Assert.Equal(["someone@example.com"], target.Users.Select(u => u.Email).ToList());
    }

    [Fact]
    public async Task A_run_killed_while_it_copies_leaves_a_target_the_same_command_finishes()
    {
        var source = await SqliteDataDirectoryWithUserAsync("killed@example.com");
        var postgres = await TestDatabase.ServerAsync();
        var name = "killed_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        string[] migrate = ["migrate", "--to", postgres.Url(name), "--data", source];

        // Killed as soon as it says it copies: whether the transaction was still open or already committed, the
        // next run must finish the job.
        using (var first = MarqueeCli.Start(migrate))
        {
            first.StandardInput.Close();
            while (await first.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("database: copying", StringComparison.Ordinal))
            {
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var (code, stdout, stderr) = await MarqueeCli.RunAsync(migrate);

        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"AspNetUsers\s+1\s+1", stdout);
        Assert.DoesNotContain("DIFFERS", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_one_clear_line_and_an_exit_code()
    {
        var source = await SqliteDataDirectoryWithUserAsync("input@example.com");
        var postgres = await TestDatabase.ServerAsync();
        var name = "bad_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        await using var s3 = await S3rverServer.StartAsync("bad-input");
        var missing = Path.Combine(TestPaths.NewScratchFolder("migrate-missing"), "nothing-here");
        var closedPort = FreePort.Next();

        (string[] Args, int Code, string Says)[] cases =
        [
            (["--to", "mysql://root@127.0.0.1/db", "--data", source], 2, "is not a PostgreSQL address"),
            (["--data", source], 2, "migrate needs --to"),
            (["--to", postgres.Url(name), "--data", source, "--s3-bucket", "Not_A_Bucket"], 2, "--s3-bucket 'Not_A_Bucket' is not a valid bucket name"),
            (["--to", postgres.Url(name), "--data", missing], 1, "there is no data directory"),
            (["--to", postgres.Url(name), "--data", TestPaths.NewScratchFolder("migrate-empty")], 1, "there is no SQLite database"),
            (["--to", $"postgresql://marquee:wrong@127.0.0.1:{closedPort}/{name}", "--data", source], 1, "cannot reach the PostgreSQL database"),
            (["--to", postgres.Url(name).Replace(postgres.Password, "wrong-password", StringComparison.Ordinal), "--data", source], 1, "refused the user or password"),
            (["--to", postgres.Url(name), "--data", source, "--s3-url", s3.ServiceUrl, "--s3-bucket", s3.Bucket, "--s3-access-key", "WRONG", "--s3-secret-key", "WRONG"], 1, "S3 refused the credentials"),
            (["--to", postgres.Url(name), "--data", source, "--s3-url", s3.ServiceUrl, "--s3-bucket", "no-such-bucket", "--s3-access-key", S3rverServer.AccessKey, "--s3-secret-key", S3rverServer.SecretKey], 1, "does not exist"),
        ];

        foreach (var (args, expectedCode, says) in cases)
        {
            var (code, _, stderr) = await MarqueeCli.RunAsync(["migrate", .. args]);
            Assert.True(code == expectedCode, $"{string.Join(' ', args)} exited {code}: {stderr}");
            var first = stderr.Split('\n')[0];
            Assert.Contains(says, first, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>A data directory that stays on SQLite in both passes of the suite, with a key of its own that the migration must keep.</summary>
    private static async Task<string> SqliteDataDirectoryAsync()
    {
        var data = TestPaths.NewScratchFolder("migrate-source");
        await File.WriteAllTextAsync(new DataDirectory(data).Settings, """{ "Database": { "Provider": "sqlite" }, "Marker": "kept" }""");
        return data;
    }

    private static async Task<string> SqliteDataDirectoryWithUserAsync(string email)
    {
        var data = await SqliteDataDirectoryAsync();
        var (code, _, stderr) = await MarqueeCli.RunAsync(["user", "add", email, "--data", data], input: TestAccounts.Password);
        Assert.True(code == 0, stderr);
        return data;
    }

    private static string WithSettings(string data, string connectionString)
    {
        File.WriteAllText(new DataDirectory(data).Settings, JsonSerializer.Serialize(new { Database = new { Provider = "postgres", ConnectionString = connectionString } }));
        return data;
    }

    private static async Task<string> PlayAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/v1/playback/{id}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaseId").GetString()!;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
