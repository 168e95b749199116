using Marquee.Origin.Uploads;

namespace Marquee.Origin.Tests.Uploads;

public sealed class UploadMetadataTests
{
    [Fact]
    public void Parses_pairs_keys_without_values_and_utf8()
    {
        var header = $"filename {UploadProtocolTests.B64("a b,c.mp4")}, title {UploadProtocolTests.B64("Ünïcødé")},flag";

        Assert.True(UploadMetadata.TryParse(header, out var values, out _));

        Assert.Equal("a b,c.mp4", values["filename"]);
        Assert.Equal("Ünïcødé", values["title"]);
        Assert.Equal("", values["flag"]);
    }

    [Fact]
    public void Encoding_round_trips()
    {
        var values = new Dictionary<string, string> { ["filename"] = "映画.mkv", ["empty"] = "", ["x"] = "y" };

        Assert.True(UploadMetadata.TryParse(UploadMetadata.Encode(values), out var parsed, out _));

        Assert.Equal(values, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void No_header_is_no_metadata(string? header)
    {
        Assert.True(UploadMetadata.TryParse(header, out var values, out _));
        Assert.Empty(values);
    }

    [Theory]
    [InlineData(",")]
    [InlineData("key Zm9v,")]
    [InlineData("key  Zm9v")]
    [InlineData("k\u00e9y Zm9v")]
    [InlineData("key Zm9")]
    [InlineData("key Zm9v extra")]
    public void Rejects_malformed_headers(string header)
    {
        Assert.False(UploadMetadata.TryParse(header, out _, out var error));
        Assert.Contains("Upload-Metadata", error);
    }
}
