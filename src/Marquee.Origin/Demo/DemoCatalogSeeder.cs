using System.Globalization;
using Marquee.Media;
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
/// one by one in the background, so the service starts at once and titles appear as each one finishes.
/// </summary>
public sealed partial class DemoCatalogSeeder(
    IServiceScopeFactory scopes,
    DataDirectory data,
    FfmpegOptions ffmpeg,
    ILogger<DemoCatalogSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = Path.Combine(data.Root, "demo-seeded");
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            if (File.Exists(marker) || await db.Titles.AnyAsync(stoppingToken))
            {
                return;
            }
        }

        await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), stoppingToken);
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

    [LoggerMessage(LogLevel.Information, "Demo title '{Title}' queued as {TitleId}")]
    private partial void LogQueued(string title, string titleId);

    [LoggerMessage(LogLevel.Warning, "Demo title '{Title}' could not be generated")]
    private partial void LogClipFailed(Exception e, string title);
}
