using System.Text.Json;
using System.Text.RegularExpressions;
using Marquee.Media.Probing;
using Marquee.Media.Subtitles;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Observability;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Ingest;

/// <summary>
/// The one way into the pipeline for the CLI, uploads and the watch folder: stage the file under a
/// server-generated name, inspect it, and only then create the title, its asset and a queued job together.
/// A refused file leaves nothing behind.
/// </summary>
public sealed partial class IngestService(
    MarqueeDbContext db,
    DataDirectory data,
    InputInspector inspector,
    SubtitleConverter subtitles,
    JobSignal signal,
    OriginMetrics metrics,
    TimeProvider time)
{
    public const int MaxTitleLength = 200;

    public async Task<Title> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var name = Validate(request);
        var jobId = Ids.New();
        Directory.CreateDirectory(data.Staging);
        var staged = Path.Combine(data.Staging, jobId + ".source");
        var stagedSubtitles = new List<StagedSubtitle>();
        try
        {
            if (request.MoveSource)
            {
                File.Move(request.SourcePath, staged);
            }
            else
            {
                File.Copy(request.SourcePath, staged);
            }

            await inspector.InspectAsync(staged, cancellationToken);
            for (var i = 0; i < request.Subtitles.Count; i++)
            {
                var subtitle = request.Subtitles[i];
                var path = Path.Combine(data.Staging, $"{jobId}.subtitle{i}{SubtitleExtension(subtitle.Path)}");
                File.Copy(subtitle.Path, path);
                stagedSubtitles.Add(new StagedSubtitle(path, subtitle.Language, subtitle.Name));
                // Convert once now so a bad subtitle file is refused with the video, not discovered by the worker.
                var check = path + ".check.vtt";
                await subtitles.ConvertAsync(new SubtitleSource(path, subtitle.Language, subtitle.Name), check, cancellationToken);
                File.Delete(check);
            }
        }
        catch (InputRefusedException e)
        {
            StagedFiles.Delete(staged, stagedSubtitles);
            metrics.IngestRefused.Add(1, new KeyValuePair<string, object?>("reason", e.Reason.Code));
            throw;
        }
        catch
        {
            StagedFiles.Delete(staged, stagedSubtitles);
            throw;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var assetId = Ids.New();
        Title title;
        try
        {
            title = request.AttachTo is { } target ? await AttachAsync(target, assetId, now, cancellationToken) : NewTitle(request, name, assetId, now);
        }
        catch
        {
            StagedFiles.Delete(staged, stagedSubtitles);
            throw;
        }

        db.Assets.Add(new MediaAsset { Id = assetId, Status = AssetStatus.Processing, CreatedAtMs = now, UpdatedAtMs = now });
        db.Jobs.Add(new TranscodeJob
        {
            Id = jobId,
            AssetId = assetId,
            SourcePath = staged,
            Subtitles = JsonSerializer.Serialize(stagedSubtitles),
            State = JobState.Queued,
            CreatedAtMs = now,
            UpdatedAtMs = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            StagedFiles.Delete(staged, stagedSubtitles);
            throw;
        }

        metrics.IngestAccepted.Add(1);
        signal.Notify();
        return title;
    }

    private Title NewTitle(IngestRequest request, string name, string assetId, long now)
    {
        var title = new Title
        {
            Id = Ids.New(),
            Name = name,
            Slug = Slug.From(name),
            Synopsis = request.Synopsis.Trim(),
            Genres = string.Join(',', request.Genres.Select(g => g.Trim()).Where(g => g.Length > 0)),
            Year = request.Year,
            MaturityRating = request.MaturityRating,
            AssetId = assetId,
            Published = !request.Draft,
            PublishedAtMs = request.Draft ? null : now,
            CreatedAtMs = now,
            UpdatedAtMs = now,
        };
        var tier = request.Free ? LicenceTier.Free : LicenceTier.Subscription;
        var countries = request.Countries.Count == 0 ? [Licence.Everywhere] : request.Countries.Select(c => c.ToUpperInvariant()).Distinct();
        title.Licences.AddRange(countries.Select(c => new Licence { Id = Ids.New(), TitleId = title.Id, Country = c, StartsAtMs = now, Tier = tier }));
        db.Titles.Add(title);
        return title;
    }

    /// <summary>Points an existing movie, episode or trailer slot at the new asset, in the same transaction as its job.</summary>
    private async Task<Title> AttachAsync(IngestTarget target, string assetId, long now, CancellationToken cancellationToken)
    {
        var episode = target.Kind == IngestTargetKind.Episode
            ? await db.Episodes.SingleOrDefaultAsync(e => e.Id == target.Id, cancellationToken)
                ?? throw new IngestValidationException("episode", "There is no episode with this id.")
            : null;
        var titleId = episode?.SeriesId ?? target.Id;
        var title = await db.Titles.SingleOrDefaultAsync(t => t.Id == titleId && t.DeletedAtMs == null, cancellationToken)
            ?? throw new IngestValidationException("title", "There is no title with this id.");
        switch (target.Kind)
        {
            case IngestTargetKind.Episode:
                episode!.AssetId = assetId;
                break;
            case IngestTargetKind.Title when title.Kind == TitleKind.Series:
                throw new IngestValidationException("title", "A series has no media of its own; upload to one of its episodes.");
            case IngestTargetKind.Title:
                title.AssetId = assetId;
                break;
            default:
                title.TrailerAssetId = assetId;
                break;
        }

        title.UpdatedAtMs = now;
        return title;
    }

    private static string Validate(IngestRequest request)
    {
        var name = (request.Title ?? "").Trim();
        if (name.Length == 0 || name.Length > MaxTitleLength || name.Any(char.IsControl))
        {
            throw new IngestValidationException("title", $"A title is 1 to {MaxTitleLength} characters without control characters.");
        }

        if (request.Countries.FirstOrDefault(c => !CountryCode().IsMatch(c)) is { } bad)
        {
            throw new IngestValidationException("countries", $"'{bad}' is not an ISO 3166-1 alpha-2 country code (for example DE or US).");
        }

        if (!Accounts.Profile.MaturityLevels.Contains(request.MaturityRating))
        {
            throw new IngestValidationException("maturity", $"The maturity rating is one of {string.Join(", ", Accounts.Profile.MaturityLevels)}.");
        }

        if (request.Year is < 1870 or > 2200)
        {
            throw new IngestValidationException("year", "The year must be between 1870 and 2200.");
        }

        if (!File.Exists(request.SourcePath))
        {
            throw new IngestValidationException("file", "The file does not exist or is not readable.");
        }

        foreach (var subtitle in request.Subtitles)
        {
            if (!File.Exists(subtitle.Path))
            {
                throw new IngestValidationException("subtitles", "A subtitle file does not exist or is not readable.");
            }

            if (!SubtitleConverter.IsValidLanguage(subtitle.Language))
            {
                throw new IngestValidationException("subtitles", $"'{subtitle.Language}' is not a language tag such as 'en' or 'pt-BR'.");
            }
        }

        return name;
    }

    private static string SubtitleExtension(string path) =>
        Path.GetExtension(path).Equals(".vtt", StringComparison.OrdinalIgnoreCase) ? ".vtt" : ".srt";

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();
}
