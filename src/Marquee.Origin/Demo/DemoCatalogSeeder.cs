using System.Globalization;
using Marquee.Media;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Demo;

/// <summary>
/// On a data directory with no titles, generates the demo clips with ffmpeg's built-in sources and ingests them
/// one by one in the background, so the service starts at once and titles appear as each one finishes. Each part is
/// seeded once (a marker file is written before it starts); the demo series has its own marker, so a demo
/// installation seeded before the series existed gets it on its next start, and one with its own catalog never does.
/// </summary>
public sealed partial class DemoCatalogSeeder(
    IServiceScopeFactory scopes,
    DataDirectory data,
    FfmpegOptions ffmpeg,
    TimeProvider clock,
    ILogger<DemoCatalogSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = Path.Combine(data.Root, "demo-seeded");
        bool empty;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            empty = !File.Exists(marker) && !await db.Titles.AnyAsync(stoppingToken);
        }

        if (empty)
        {
            await File.WriteAllTextAsync(marker, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), stoppingToken);
            await SeedClipsAsync(stoppingToken);
        }

        if (File.Exists(marker))
        {
            await SeedSeriesAsync(stoppingToken);
        }
    }

    private async Task SeedClipsAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(data.Demo);
        LogSeeding(DemoCatalog.Clips.Count);
        foreach (var clip in DemoCatalog.Clips)
        {
            var path = Path.Combine(data.Demo, Catalog.Slug.From(clip.Title) + ".mp4");
            try
            {
                await GenerateAsync(clip, path, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var title = await scope.ServiceProvider.GetRequiredService<IngestService>().IngestAsync(
                    new IngestRequest(path, clip.Title)
                    {
                        MoveSource = true,
                        Synopsis = clip.Synopsis,
                        Genres = clip.Genres,
                        Year = clip.Year,
                        Free = clip.Free,
                        Countries = clip.Countries ?? [],
                        MaturityRating = clip.Maturity,
                    }, stoppingToken);
                LogQueued(clip.Title, title.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogClipFailed(e, clip.Title);
            }
        }
    }

    /// <summary>
    /// The demo series: the series, its season and episodes are created published (a series shows once an episode is
    /// ready), then each episode's clip is drawn and ingested into its episode. Does nothing the second time.
    /// </summary>
    internal async Task SeedSeriesAsync(CancellationToken stoppingToken)
    {
        var marker = Path.Combine(data.Root, "demo-series-seeded");
        var demo = DemoCatalog.Series;
        var slug = Catalog.Slug.From(demo.Title);
        List<Episode> episodes;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            if (File.Exists(marker) || await db.Titles.AnyAsync(t => t.Slug == slug && t.DeletedAtMs == null, stoppingToken))
            {
                return;
            }

            await File.WriteAllTextAsync(marker, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), stoppingToken);
            episodes = await CreateSeriesAsync(db, demo, slug, stoppingToken);
        }

        Directory.CreateDirectory(data.Demo);
        LogSeedingSeries(demo.Title, episodes.Count);
        foreach (var (episode, clip) in episodes.Zip(demo.Episodes))
        {
            var path = Path.Combine(data.Demo, $"{slug}-{episode.Number}.mp4");
            try
            {
                await GenerateAsync(clip, path, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IngestService>().IngestAsync(
                    new IngestRequest(path, clip.Title) { MoveSource = true, AttachTo = new IngestTarget(IngestTargetKind.Episode, episode.Id) }, stoppingToken);
                LogQueued($"{demo.Title}: {clip.Title}", episode.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogClipFailed(e, clip.Title);
            }
        }
    }

    private async Task<List<Episode>> CreateSeriesAsync(MarqueeDbContext db, DemoSeries demo, string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var series = new Title
        {
            Id = Ids.New(),
            Kind = TitleKind.Series,
            Name = demo.Title,
            Slug = slug,
            Synopsis = demo.Synopsis,
            Genres = string.Join(',', demo.Genres),
            Year = demo.Year,
            MaturityRating = demo.Maturity,
            Published = true,
            PublishedAtMs = now,
            CreatedAtMs = now,
            UpdatedAtMs = now,
        };
        series.Licences.Add(new Licence { Id = Ids.New(), TitleId = series.Id, Country = Licence.Everywhere, StartsAtMs = now, Tier = LicenceTier.Subscription });
        var season = new Season { Id = Ids.New(), SeriesId = series.Id, Number = 1, Name = "Season 1" };
        var episodes = demo.Episodes.Select((clip, i) => new Episode
        {
            Id = Ids.New(), SeriesId = series.Id, SeasonId = season.Id, Number = i + 1, Name = clip.Title, Synopsis = clip.Synopsis,
        }).ToList();
        db.Titles.Add(series);
        db.Seasons.Add(season);
        db.Episodes.AddRange(episodes);
        await db.SaveChangesAsync(cancellationToken);
        return episodes;
    }

    private async Task GenerateAsync(DemoClip clip, string path, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(ffmpeg.FfmpegPath, Arguments(clip, path, clip.Seconds), onStdoutLine: null, ffmpeg.StallTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg could not generate the clip: " + result.StderrTail);
        }
    }

    /// <summary>The ffmpeg arguments that draw one demo clip (the length goes on the output: not every source takes <c>d=</c>).</summary>
    internal static List<string> Arguments(DemoClip clip, string path, double seconds)
    {
        var length = seconds.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", clip.Video };
        if (clip.ToneHz is { } hz)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency={hz}:sample_rate=48000"]);
        }

        args.AddRange(["-t", length, "-vf", $"setsar={clip.Sar ?? "1"},format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18"]);
        if (clip.ToneHz is not null)
        {
            args.AddRange(["-c:a", "aac", "-b:a", "128k"]);
        }

        args.Add(path);
        return args;
    }

    [LoggerMessage(LogLevel.Information, "Empty catalog: generating {Count} demo titles in the background")]
    private partial void LogSeeding(int count);

    [LoggerMessage(LogLevel.Information, "Generating the demo series '{Title}' ({Count} episodes) in the background")]
    private partial void LogSeedingSeries(string title, int count);

    [LoggerMessage(LogLevel.Information, "Demo title '{Title}' queued as {TitleId}")]
    private partial void LogQueued(string title, string titleId);

    [LoggerMessage(LogLevel.Warning, "Demo title '{Title}' could not be generated")]
    private partial void LogClipFailed(Exception e, string title);
}
