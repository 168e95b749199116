using Marquee.Media.Probing;
using Marquee.Origin.Uploads;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Turns a finished tus upload into a title: the upload's file is moved into staging (never opened by its
/// client-given name) and inspected; a refusal becomes the final PATCH's 415/422 problem.
/// Upload metadata: <c>title</c> (else the file name), optional <c>free</c> ("true").
/// </summary>
internal sealed class UploadIngestHandler(IngestService ingest) : IUploadCompletionHandler
{
    public async Task<UploadCompletionResult> OnUploadCompletedAsync(CompletedUpload upload, CancellationToken cancellationToken)
    {
        var name = upload.Metadata.TryGetValue("title", out var title) && !string.IsNullOrWhiteSpace(title)
            ? title
            : WatchFolderService.TitleFromFileName(upload.Metadata.GetValueOrDefault("filename") ?? "Untitled");
        try
        {
            var created = await ingest.IngestAsync(new IngestRequest(upload.FilePath, name)
            {
                MoveSource = true,
                Free = upload.Metadata.TryGetValue("free", out var free) && free == "true",
            }, cancellationToken);
            return UploadCompletionResult.Accepted($"/api/v1/titles/{created.Id}");
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
}
