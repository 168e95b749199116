using Marquee.Media.Storage;
using Marquee.Origin.Steering;
using Marquee.Origin.Web;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>Which media playlists the player page preloads and tells hls.js to start on, read from a real package's multivariant playlist on disk.</summary>
public sealed class StartRenditionsTests
{
    /// <summary>A ladder as the pipeline writes it: the audio first, then the video rungs, lowest first.</summary>
    internal const string Ladder = """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Main",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="media_4.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=545276,RESOLUTION=426x240,CODECS="avc1.42c015,mp4a.40.2",AUDIO="audio"
        media_0.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=945276,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="audio"
        media_1.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=1545276,RESOLUTION=854x480,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="audio"
        media_2.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=2945276,RESOLUTION=1280x720,CODECS="avc1.640020,mp4a.40.2",AUDIO="audio"
        media_3.m3u8
        """;

    private readonly FileSystemObjectStore store = new(TestPaths.NewScratchFolder("start-renditions"));

    [Fact]
    public async Task The_start_is_the_shortest_rendition_of_at_least_360_lines_within_the_plans_box_with_the_default_audio()
    {
        await PutAsync("media/a/v1/master.m3u8", Ladder);
        var starts = new StartRenditions(new PackageVariants(store));

        Assert.Equal(new StartRenditions.Start("media_1.m3u8", "media_4.m3u8"), await starts.ForAsync("/media/a/v1/", 0, CancellationToken.None));
        Assert.Equal(new StartRenditions.Start("media_1.m3u8", "media_4.m3u8"), await starts.ForAsync("/media/a/v1/", 1080, CancellationToken.None));
        // A plan boxed below 360 lines starts on the tallest rendition it may have.
        Assert.Equal(new StartRenditions.Start("media_0.m3u8", "media_4.m3u8"), await starts.ForAsync("/media/a/v1/", 240, CancellationToken.None));
        Assert.Null(await starts.ForAsync("/media/a/v1/", 144, CancellationToken.None));
    }

    [Fact]
    public async Task A_package_without_audio_of_its_own_or_with_only_small_renditions_still_gets_a_start()
    {
        await PutAsync("media/b/v1/master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x180\nmedia_0.m3u8\n");
        var starts = new StartRenditions(new PackageVariants(store));

        Assert.Equal(new StartRenditions.Start("media_0.m3u8", null), await starts.ForAsync("/media/b/v1/", 0, CancellationToken.None));
    }

    [Fact]
    public async Task Anything_but_plain_playlist_names_next_to_the_master_and_missing_packages_give_no_start()
    {
        await PutAsync("media/c/v1/master.m3u8", """
            #EXTM3U
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",DEFAULT=YES,URI="../../other/audio.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=945276,RESOLUTION=640x360
            https://elsewhere.example/media_1.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=945276,RESOLUTION=640x360
            "><script>.m3u8
            """);
        var starts = new StartRenditions(new PackageVariants(store));

        Assert.Null(await starts.ForAsync("/media/c/v1/", 0, CancellationToken.None));
        Assert.Null(await starts.ForAsync("/media/missing/v1/", 0, CancellationToken.None));
    }

    private async Task PutAsync(string key, string text)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
        await store.PutAsync(key, content, "application/vnd.apple.mpegurl", CancellationToken.None);
    }
}
