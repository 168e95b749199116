using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Uploads;

internal static partial class UploadsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Upload {UploadId} created for {Length} bytes")]
    public static partial void UploadCreated(ILogger logger, string uploadId, long length);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Upload {UploadId} completed ({Length} bytes), title {TitleLocation}")]
    public static partial void UploadCompleted(ILogger logger, string uploadId, long length, string? titleLocation);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Upload {UploadId} refused with {StatusCode}: {Title}")]
    public static partial void UploadRefused(ILogger logger, string uploadId, int statusCode, string? title);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Completion handler failed for upload {UploadId}; the upload was deleted")]
    public static partial void CompletionFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Upload {UploadId} expired and was deleted")]
    public static partial void UploadExpired(ILogger logger, string uploadId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Upload {UploadId}: request body ended early at offset {Offset}; bytes kept for resuming")]
    public static partial void BodyEndedEarly(ILogger logger, string uploadId, long offset, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Upload {UploadId}: more bytes sent than Upload-Length allows; the chunk was discarded")]
    public static partial void TooMuchData(ILogger logger, string uploadId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Upload {UploadId} was interrupted during completion and was deleted")]
    public static partial void InterruptedCompletionDeleted(ILogger logger, string uploadId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Upload {UploadId} has an unreadable record")]
    public static partial void UnreadableRecord(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Expiry sweep of the upload folder failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Upload {UploadId} terminated by the client")]
    public static partial void UploadTerminated(ILogger logger, string uploadId);
}
