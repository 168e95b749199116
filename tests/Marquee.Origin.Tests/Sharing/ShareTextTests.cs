using System.Diagnostics;
using Marquee.Origin.Sharing;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Sharing;

/// <summary>The small pieces of a card: times in links, descriptions cut at a word, ISO 8601 durations, image sizes.</summary>
public sealed class ShareTextTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("1h2m3s", 3723)]
    [InlineData("2h", 7200)]
    [InlineData("0", 0)]
    [InlineData("1M30S", 90)]
    public void Start_times_are_read_as_people_write_them(string text, int seconds)
    {
        Assert.True(StartTime.TryParse(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("1s2m")]
    [InlineData("99999999999999999999")]
    [InlineData("13h")]
    [InlineData("h")]
    public void Anything_else_is_not_a_time(string text) => Assert.False(StartTime.TryParse(text, out _));

    [Fact]
    public void Descriptions_are_one_line_and_cut_at_a_word()
    {
        Assert.Equal("Two lines of text.", ShareCard.Cut("Two\n  lines\tof text."));
        var cut = ShareCard.Cut(string.Join(' ', Enumerable.Repeat("word", 100)));
        Assert.True(cut.Length <= ShareCard.DescriptionLength, cut);
        Assert.EndsWith("word\u2026", cut, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", ShareCard.Cut(new string('x', 500)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(59.6, "PT1M")]
    [InlineData(5423.2, "PT1H30M23S")]
    [InlineData(7200, "PT2H")]
    public void Durations_are_iso_8601(double seconds, string expected) => Assert.Equal(expected, ShareCard.Duration(seconds));

    [Fact]
    public async Task Image_sizes_come_from_jpeg_and_png_headers_and_junk_has_none()
    {
        var folder = TestPaths.NewScratchFolder("image-size");
        foreach (var (file, width, height) in new[] { ("a.jpg", 322, 178), ("b.png", 64, 48), ("c.jpg", 1280, 720) })
        {
            var path = Path.Combine(folder, file);
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}", "-frames:v", "1", path]))!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal((width, height), ImageSize.Read(await File.ReadAllBytesAsync(path)));
        }

        Assert.Null(ImageSize.Read("<svg onload=alert(1)>"u8));
        Assert.Null(ImageSize.Read([0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF]));
        Assert.Null(ImageSize.Read([]));
    }
}
