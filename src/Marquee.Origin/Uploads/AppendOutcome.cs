namespace Marquee.Origin.Uploads;

/// <summary>The result of <see cref="UploadAppender.AppendAsync"/>: what happened, and where the upload stands now.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Offset">Bytes stored after the request.</param>
/// <param name="Expires">When the upload expires now.</param>
/// <param name="Completion">The handler's verdict, when the last byte arrived and the handler answered.</param>
internal sealed record AppendOutcome(AppendStatus Status, long Offset, DateTimeOffset Expires, UploadCompletionResult? Completion = null);
