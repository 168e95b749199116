using System.Net.Http.Json;
using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Ingest;

public sealed class WatchFolderTests
{
    [Fact]
    public async Task Dropped_files_are_ingested_once_with_their_sidecar_and_moved_aside_and_refusals_explained()
    {
        await using var origin = await OriginServer.StartAsync();
        var watch = Path.Combine(origin.DataPath, "watch");
        File.Copy(await Clips.GetAsync(new ClipSpec(Seconds: 5)), Path.Combine(watch, "Holiday_Film.mp4"));
        await File.WriteAllTextAsync(Path.Combine(watch, "Holiday_Film.en.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHi\n");
        File.Copy(HostileInputs.TextRenamed(), Path.Combine(watch, "notes.mp4"));

        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Path.Combine(watch, ".done", "Holiday_Film.mp4"))), "the film is moved to .done", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Path.Combine(watch, ".refused", "notes.mp4.reason.txt"))), "the notes are refused", TimeSpan.FromSeconds(30));

        var list = await (await Accounts.TestAccounts.AdminClientAsync(origin)).GetFromJsonAsync<JsonElement>("/api/v1/admin/titles");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Holiday Film", item.GetProperty("title").GetString());
        var title = await origin.WaitForTitleAsync(item.GetProperty("id").GetString()!);
        Assert.Equal(["en"], title.GetProperty("subtitles").EnumerateArray().Select(s => s.GetString()));
        Assert.True(File.Exists(Path.Combine(watch, ".done", "Holiday_Film.en.srt")));
        Assert.Contains("could not read the file as video", await File.ReadAllTextAsync(Path.Combine(watch, ".refused", "notes.mp4.reason.txt")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(watch));
    }
}
