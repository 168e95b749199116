using Marquee.Media.Probing;
using Marquee.Media.Subtitles;
using Marquee.Origin.Hosting;
using Marquee.Origin.Uploads;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Turns finished tus uploads into titles. The upload's file is moved into staging (never opened by its
/// client-given name) and inspected; a refusal becomes the final PATCH's 415/422 problem.
/// Upload metadata:
/// <list type="bullet">
/// <item><c>kind</c> = <c>subtitles</c>: the upload is a sidecar .srt/.vtt (with <c>language</c>, default <c>und</c>);
/// it is checked and kept until a video names it.</item>
/// <item>otherwise a video: <c>title</c> (else the file name), <c>free</c> ("true"), and <c>subtitles</c>, a
/// comma-separated list of subtitle upload ids sent before the video.</item>
/// </list>
/// </summary>
internal sealed class UploadIngestHandler(IngestService ingest, SubtitleConverter converter, DataDirectory data) : IUploadCompletionHandler
{
    private string SubtitleFolder => Path.Combine(data.Staging, "subtitle-uploads");

    public async Task<UploadCompletionResult> OnUploadCompletedAsync(CompletedUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            return upload.Metadata.GetValueOrDefault("kind") == "subtitles"
                ? await KeepSubtitlesAsync(upload, cancellationToken)
                : await IngestVideoAsync(upload, cancellationToken);
        }
        catch (InputRefusedException e)
        {
            return UploadCompletionResult.Refused(e.Reason.HttpStatus, e.Reason.Title, e.Reason.Detail);
        }
        catch (IngestValidationException e)
        {
            return UploadCompletionResult.Refused(422, "The upload's details are not valid", e.Message);
        }
    }

    private async Task<UploadCompletionResult> KeepSubtitlesAsync(CompletedUpload upload, CancellationToken cancellationToken)
    {
        var language = upload.Metadata.GetValueOrDefault("language") ?? "und";
        if (!SubtitleConverter.IsValidLanguage(language))
        {
            throw new IngestValidationException("language", $"'{language}' is not a language tag such as 'en' or 'pt-BR'.");
        }

        Directory.CreateDirectory(SubtitleFolder);
        var kept = Path.Combine(SubtitleFolder, upload.Id + ".subtitle");
        File.Move(upload.FilePath, kept, overwrite: true);
        var check = kept + ".check.vtt";
        try
        {
            await converter.ConvertAsync(new SubtitleSource(kept, language, language), check, cancellationToken);
        }
        catch
        {
            File.Delete(kept);
            throw;
        }
        finally
        {
            File.Delete(check);
        }

        await File.WriteAllTextAsync(kept + ".language", language, cancellationToken);
        return UploadCompletionResult.Accepted($"/api/v1/uploads/{upload.Id}");
    }

    private async Task<UploadCompletionResult> IngestVideoAsync(CompletedUpload upload, CancellationToken cancellationToken)
    {
        var name = upload.Metadata.TryGetValue("title", out var title) && !string.IsNullOrWhiteSpace(title)
            ? title
            : WatchFolderService.TitleFromFileName(upload.Metadata.GetValueOrDefault("filename") ?? "Untitled");
        var subtitles = new List<SubtitleSource>();
        foreach (var id in (upload.Metadata.GetValueOrDefault("subtitles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kept = Path.Combine(SubtitleFolder, id + ".subtitle");
            if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(kept))
            {
                throw new IngestValidationException("subtitles", $"'{(id.Length > 40 ? id[..40] : id)}' is not a finished subtitle upload.");
            }

            var language = await File.ReadAllTextAsync(kept + ".language", cancellationToken);
            subtitles.Add(new SubtitleSource(kept, language, language));
        }

        var created = await ingest.IngestAsync(new IngestRequest(upload.FilePath, name)
        {
            MoveSource = true,
            Free = upload.Metadata.TryGetValue("free", out var free) && free == "true",
            Draft = upload.Metadata.TryGetValue("draft", out var draft) && draft == "true",
            AttachTo = Target(upload.Metadata.GetValueOrDefault("attach-to")),
            Subtitles = subtitles,
        }, cancellationToken);
        foreach (var subtitle in subtitles)
        {
            File.Delete(subtitle.Path);
            File.Delete(subtitle.Path + ".language");
        }

        return UploadCompletionResult.Accepted($"/api/v1/titles/{created.Id}");
    }

    /// <summary>Parses the <c>attach-to</c> metadata: <c>title:ID</c>, <c>episode:ID</c> or <c>trailer:ID</c>.</summary>
    private static IngestTarget? Target(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? value[..colon] : "";
        var id = colon > 0 ? value[(colon + 1)..] : "";
        if (id.Length is 0 or > 16 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw new IngestValidationException("attach-to", "attach-to is title:ID, episode:ID or trailer:ID.");
        }

        return kind switch
        {
            "title" => new IngestTarget(IngestTargetKind.Title, id),
            "episode" => new IngestTarget(IngestTargetKind.Episode, id),
            "trailer" => new IngestTarget(IngestTargetKind.Trailer, id),
            _ => throw new IngestValidationException("attach-to", "attach-to is title:ID, episode:ID or trailer:ID."),
        };
    }
}
