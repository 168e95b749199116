namespace Marquee.Origin.Uploads;

/// <summary>
/// Decides what becomes of an upload once its last byte has arrived (for Marquee: probe it and start transcoding).
/// Resolved from the request's scope, so an implementation may depend on scoped services such as a DbContext.
/// </summary>
/// <remarks>
/// The handler owns the bytes only for the duration of the call: move <see cref="CompletedUpload.FilePath"/> to
/// where it must live (a rename on the same volume is cheap) before returning. Whatever is still at that path
/// afterwards is deleted, accepted or refused, so that completed uploads never pile up in the upload folder.
/// The call runs while the upload is locked and before the client gets its answer; a slow handler delays that answer.
/// An exception is answered with 500 and the upload is deleted, so the client starts over rather than believing
/// that an upload nobody processed succeeded.
/// </remarks>
internal interface IUploadCompletionHandler
{
    Task<UploadCompletionResult> OnUploadCompletedAsync(CompletedUpload upload, CancellationToken cancellationToken);
}
