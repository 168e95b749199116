using System.Text;
using Marquee.Media.Packaging;

namespace Marquee.Media.Tests.Packaging;

public sealed class RenditionSizesTests
{
    private const string Mpd = """
        <?xml version="1.0" encoding="utf-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">
          <Period id="0">
            <AdaptationSet id="0" contentType="video">
              <Representation id="0" width="426" height="178" bandwidth="1"/>
              <Representation id="1" width="854" height="356" bandwidth="1"/>
              <Representation id="2" width="1280" height="534" bandwidth="1"/>
            </AdaptationSet>
            <AdaptationSet id="1" contentType="audio"><Representation id="3" bandwidth="128000"/></AdaptationSet>
            <AdaptationSet id="2" contentType="text"><Representation id="subtitles-en" bandwidth="256"/></AdaptationSet>
          </Period>
        </MPD>
        """;

    [Fact]
    public void Video_representations_are_limited_by_the_plan_and_audio_never_is()
    {
        var sizes = RenditionSizes.FromMpd(Encoding.UTF8.GetBytes(Mpd));

        Assert.Equal(3, sizes.Count);
        Assert.True(sizes.Allows(0, 480));
        Assert.True(sizes.Allows(1, 480));
        Assert.False(sizes.Allows(2, 480));
        Assert.True(sizes.Allows(2, 720));
        Assert.True(sizes.Allows(2, 0));
        Assert.True(sizes.Allows(3, 240));
        Assert.False(sizes.Allows(1, 240));
        Assert.True(sizes.Allows(0, 144));
    }

    [Fact]
    public void An_mpd_that_is_not_xml_is_a_format_error_and_a_doctype_is_refused()
    {
        Assert.Throws<FormatException>(() => RenditionSizes.FromMpd("<MPD"u8));
        Assert.Throws<FormatException>(() => RenditionSizes.FromMpd(Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE MPD [<!ENTITY a \"aaaa\">]><MPD>&a;</MPD>")));
    }
}
