namespace Marquee.Origin.Tests.Web;

/// <summary>
/// Offline viewing in the web app (tests/js/web/downloads*.mjs): the PWA's service worker, downloads stored encrypted
/// in IndexedDB, and playback from them without a network, in Chromium and Firefox against <c>marquee up</c>. A part
/// of <see cref="WebAppTests"/>, so the browsers share its cluster rather than starting another on the same cores.
/// </summary>
public sealed partial class WebAppTests
{
    [Fact]
    public async Task Offline_in_Chromium_a_download_too_big_for_the_quota_is_refused_an_interrupted_one_resumes_and_without_a_network_it_plays_with_subtitles_until_it_expires()
    {
        var title = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);

        var report = await RunAsync("downloads.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("offline"), WebCluster.Password, title);

        // The service worker is active and holds the shell.
        Assert.Equal("activated", report["serviceWorker"]!["active"]!.GetValue<string>());
        Assert.Contains(report["serviceWorker"]!["caches"]!.AsArray(), c => c!.GetValue<string>().StartsWith("marquee-shell-", StringComparison.Ordinal));

        // Too big for the quota: the sentence, the Download button off, and nothing fetched.
        var refusal = report["quotaRefusal"]!.GetValue<string>();
        Assert.Contains("This download needs about", refusal, StringComparison.Ordinal);
        Assert.Contains("of storage left for Marquee", refusal, StringComparison.Ordinal);
        Assert.True(report["quotaDownloadDisabled"]!.GetValue<bool>());
        Assert.Equal(0, report["fetchedWhenRefused"]!.GetValue<int>());
        Assert.Matches(@"Size: about \d", report["sizeShown"]!.GetValue<string>());

        // A 410 on the way: a check-in for a fresh token. An edge that did not answer: the next base URL.
        Assert.True(report["checkInsAfter410"]!.GetValue<int>() >= 1, "no check-in after the 410");
        var refused = report["failover"]!["refused"]!.GetValue<string>();
        Assert.Contains(report["failover"]!["served"]!.AsArray(), host => host!.GetValue<string>() != refused);

        // Cut off after a few segments: it waits for the network; reloaded, it fetches only what it did not have.
        var interrupted = report["interrupted"]!;
        Assert.Equal("waiting", interrupted["state"]!.GetValue<string>());
        var storedBefore = report["storedBeforeReload"]!.GetValue<int>();
        var pieces = report["complete"]!["pieceCount"]!.GetValue<int>();
        Assert.InRange(storedBefore, 1, pieces - 1);
        Assert.Equal(storedBefore, report["okBeforeReload"]!.GetValue<int>());
        Assert.Empty(report["refetched"]!.AsArray());
        Assert.Equal(pieces - storedBefore, report["fetchedAfterReload"]!.GetValue<int>());
        Assert.Equal("complete", report["complete"]!["state"]!.GetValue<string>());
        Assert.Equal(pieces, report["complete"]!["storedPieces"]!.GetValue<int>());

        // Offline: the app opened from the service worker, listed the download, played it with subtitles, and asked
        // nothing of the edges.
        Assert.Contains(WebCluster.LongClipTitle, report["offlineListed"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(report["offlinePlayedTo"]!.GetValue<double>() >= 3);
        Assert.Equal("en", report["offlineSubtitles"]!["language"]!.GetValue<string>());
        Assert.True(report["offlineSubtitles"]!["cues"]!.GetValue<int>() > 0);
        Assert.Equal(0, report["requestsWhileOffline"]!.GetValue<int>());

        // Back online, the position played offline reached the origin.
        Assert.Equal(report["pausedAt"]!.GetValue<double>(), report["progressSaved"]!.GetValue<double>(), 0.5);

        // Past its expiry: refused with the reason, the bytes and the key gone, the reason on the Downloads page.
        Assert.Contains("This download expired on", report["expiredRefusal"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = report["afterExpiry"]!;
        Assert.Equal("expired", after["download"]!["state"]!.GetValue<string>());
        Assert.Equal(0, after["pieces"]!.GetValue<int>());
        Assert.Equal(0, after["keys"]!.GetValue<int>());
        Assert.StartsWith("Expired: This download expired on", report["expiredListed"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var page in new[] { "dialogAxe", "downloadsAxe" })
        {
            Assert.True(report[page]!.AsArray().Count == 0, $"{page}: {report[page]}");
        }
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task Offline_in_Firefox_a_title_downloads_and_plays_with_subtitles_after_a_reload_without_a_network()
    {
        var title = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);

        var report = await RunAsync("downloads-firefox.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("offline-firefox"), WebCluster.Password, title);

        Assert.StartsWith("firefox/", report["browser"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("activated", report["serviceWorker"]!.GetValue<string>());
        var download = report["download"]!;
        Assert.Equal("complete", download["state"]!.GetValue<string>());
        Assert.Equal(download["pieceCount"]!.GetValue<int>(), report["pieces"]!.GetValue<int>());
        Assert.Contains(WebCluster.LongClipTitle, report["offlineListed"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(report["offlinePlayed"]!.GetValue<double>() >= 3);
        Assert.True(report["subtitles"]!["cues"]!.GetValue<int>() > 0);
        Assert.Empty(report["problems"]!.AsArray());
    }
}
