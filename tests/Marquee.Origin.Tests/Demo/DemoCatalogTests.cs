using Marquee.Media;
using Marquee.Media.Probing;
using Marquee.Origin.Demo;
using Marquee.TestSupport;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Demo;

public sealed class DemoCatalogTests
{
    public static TheoryData<string> Titles => new(DemoCatalog.Clips.Select(c => c.Title));

    [Theory]
    [MemberData(nameof(Titles))]
    public async Task Every_demo_clip_can_be_drawn_and_passes_the_input_checks(string title)
    {
        var clip = DemoCatalog.Clips.Single(c => c.Title == title);
        var path = Path.Combine(TestPaths.NewScratchFolder("demo"), "clip.mp4");

        await Clips.RunFfmpegAsync(DemoCatalogSeeder.Arguments(clip, path, 1.5).Skip(5));

        var limits = Options.Create(new InputLimits());
        var inspector = new InputInspector(new MediaProbe(Options.Create(new FfmpegOptions()), limits), new InputValidator(limits), limits);
        var source = await inspector.InspectAsync(path, CancellationToken.None);
        Assert.Equal(clip.ToneHz is not null, source.AudioStreamIndex is not null);
        Assert.InRange(source.Duration.TotalSeconds, 1.3, 1.7);
    }

    [Fact]
    public void The_demo_catalog_is_varied()
    {
        Assert.InRange(DemoCatalog.Clips.Count, 10, 14);
        Assert.Contains(DemoCatalog.Clips, c => c.ToneHz is null);
        Assert.Contains(DemoCatalog.Clips, c => c.Free);
        Assert.Equal(DemoCatalog.Clips.Count, DemoCatalog.Clips.Select(c => c.Title).Distinct().Count());
    }
}
