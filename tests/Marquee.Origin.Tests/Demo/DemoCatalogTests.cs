using Marquee.Media;
using Marquee.Media.Probing;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Demo;
using Marquee.Origin.Ingest;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Demo;

public sealed class DemoCatalogTests
{
    private static IEnumerable<DemoClip> AllClips => DemoCatalog.Clips.Concat(DemoCatalog.Series.Episodes);

    public static TheoryData<string> Titles => new(AllClips.Select(c => c.Title));

    [Theory]
    [MemberData(nameof(Titles))]
    public async Task Every_demo_clip_can_be_drawn_and_passes_the_input_checks(string title)
    {
        var clip = AllClips.Single(c => c.Title == title);
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

    [Fact]
    public void The_demo_series_has_three_short_small_episodes_drawn_differently()
    {
        var series = DemoCatalog.Series;

        Assert.Equal("Signals from Home", series.Title);
        Assert.Equal(["Drama", "Family"], series.Genres);
        Assert.Equal(7, series.Maturity);
        Assert.Equal(3, series.Episodes.Count);
        Assert.All(series.Episodes, e => Assert.InRange(e.Seconds, 8, 10));
        Assert.All(series.Episodes, e => Assert.Contains("s=640x360", e.Video, StringComparison.Ordinal));
        Assert.Equal(3, series.Episodes.Select(e => e.Video.Split('=')[0]).Distinct().Count());
        Assert.DoesNotContain(series.Title, DemoCatalog.Clips.Select(c => c.Title));
    }

    [Fact]
    public async Task The_seeder_creates_the_series_with_its_episodes_media_queued_and_only_once()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0");
        var seeder = ActivatorUtilities.CreateInstance<DemoCatalogSeeder>(server.App.Services);

        await seeder.SeedSeriesAsync(TestContext.Current.CancellationToken);
        await seeder.SeedSeriesAsync(TestContext.Current.CancellationToken);

        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var series = await db.Titles.AsNoTracking().Include(t => t.Licences).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TitleKind.Series, series.Kind);
        Assert.Equal("Signals from Home", series.Name);
        Assert.Equal("Drama,Family", series.Genres);
        Assert.Equal(7, series.MaturityRating);
        Assert.True(series.Published);
        var licence = Assert.Single(series.Licences);
        Assert.Equal((Licence.Everywhere, LicenceTier.Subscription), (licence.Country, licence.Tier));
        var season = await db.Seasons.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((series.Id, 1), (season.SeriesId, season.Number));
        var episodes = await db.Episodes.AsNoTracking().OrderBy(e => e.Number).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DemoCatalog.Series.Episodes.Select(e => e.Title), episodes.Select(e => e.Name));
        Assert.Equal([1, 2, 3], episodes.Select(e => e.Number));
        Assert.All(episodes, e => Assert.Equal(season.Id, e.SeasonId));
        var assetIds = episodes.Select(e => e.AssetId).ToList();
        Assert.All(assetIds, Assert.NotNull);
        Assert.Equal(3, assetIds.Distinct().Count());
        var jobs = await db.Jobs.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(assetIds.Order(), jobs.Select(j => j.AssetId).Order());
        Assert.All(jobs, j => Assert.Equal(JobState.Queued, j.State));
    }
}
