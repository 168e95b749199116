using Marquee.Media.Transcoding;

namespace Marquee.Media.Tests.Transcoding;

public sealed class OutputLayoutTests
{
    [Theory]
    [InlineData("media_3.m3u8", 3)]
    [InlineData("init-0.m4s", 0)]
    [InlineData("seg-12-00001.m4s", 12)]
    [InlineData("seg-3-99999.m4s", 3)]
    public void Rendition_files_name_their_representation(string name, int id)
    {
        Assert.True(OutputLayout.TryParseRendition(name, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("master.m3u8")]
    [InlineData("manifest.mpd")]
    [InlineData("subtitles-en.m3u8")]
    [InlineData("poster.jpg")]
    [InlineData("trickplay/sprite-001.jpg")]
    [InlineData("media_.m3u8")]
    [InlineData("media_x.m3u8")]
    [InlineData("seg-3.m4s")]
    [InlineData("seg-3-.m4s")]
    [InlineData("seg--00001.m4s")]
    [InlineData("init-99999.m4s")]
    [InlineData("media_3.m3u8.bak")]
    public void Everything_else_is_not_a_rendition_file(string name) =>
        Assert.False(OutputLayout.TryParseRendition(name, out _));

    [Fact]
    public void The_names_the_muxer_is_told_to_write_parse_back_to_their_representation()
    {
        var init = OutputLayout.InitPattern.Replace("$RepresentationID$", "2", StringComparison.Ordinal);
        var segment = OutputLayout.SegmentPattern.Replace("$RepresentationID$", "2", StringComparison.Ordinal).Replace("$Number%05d$", "00042", StringComparison.Ordinal);

        Assert.True(OutputLayout.TryParseRendition(init, out var a) && a == 2);
        Assert.True(OutputLayout.TryParseRendition(segment, out var b) && b == 2);
        Assert.True(OutputLayout.TryParseRendition(OutputLayout.MediaPlaylist(2), out var c) && c == 2);
    }
}
