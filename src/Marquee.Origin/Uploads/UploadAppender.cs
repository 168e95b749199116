using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

/// <summary>
/// Streams a request body onto the end of an upload, then, when the last byte is in, asks the
/// <see cref="IUploadCompletionHandler"/> what becomes of it. Callers hold the upload's lease.
/// </summary>
internal sealed class UploadAppender(
    UploadStore store,
    IUploadCompletionHandler completionHandler,
    IOptions<UploadOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<UploadAppender> logger)
{
    private const int BufferSize = 81920;

    public async Task<AppendOutcome> AppendAsync(UploadRecord record, long offset, Stream body, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(body);
        var path = store.BinPath(record.Id);
        var remaining = record.Length - offset;
        var written = 0L;
        var tooMuchData = false;
        Exception? bodyError = null;

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Unbuffered: every chunk read goes straight to the file, so the file length (the offset)
            // never lags behind what we have taken from the client.
            await using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.Read,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            });

            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), requestAborted);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException)
                {
                    // The client went away or the body broke off: keeping what arrived is what makes resuming work.
                    bodyError = ex;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                if (read > remaining - written)
                {
                    tooMuchData = true;
                    break;
                }

                // Not the request's token: bytes already taken from the client must reach the disk even when
                // the request is being aborted, or the offset we report on resume would be a lie.
                await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                written += read;
            }

            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (tooMuchData)
        {
            // A client that sends more than it announced is confused about what it uploads; keep the upload as it was.
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous))
            {
                file.SetLength(offset);
            }

            UploadsLog.TooMuchData(logger, record.Id);
            return new AppendOutcome(AppendStatus.TooMuchData, offset, record.Expires);
        }

        var newOffset = offset + written;
        if (bodyError is not null)
        {
            UploadsLog.BodyEndedEarly(logger, record.Id, newOffset, bodyError);
        }

        // Expiry slides with activity, so that a long upload that keeps moving never expires under its client.
        var updated = record with { Expires = time.GetUtcNow() + options.Value.Expiration };
        await store.SaveAsync(updated, CancellationToken.None);

        if (newOffset < record.Length)
        {
            return new AppendOutcome(bodyError is null ? AppendStatus.Appended : AppendStatus.BodyIncomplete, newOffset, updated.Expires);
        }

        return await CompleteAsync(updated, path);
    }

    private async Task<AppendOutcome> CompleteAsync(UploadRecord record, string path)
    {
        var upload = new CompletedUpload(record.Id, path, record.Length, record.Metadata);
        UploadCompletionResult result;
        try
        {
            // Not the request's token: a client that disconnects right after its last byte still gets its title,
            // and finds it on resume (HEAD reports the upload complete).
            result = await completionHandler.OnUploadCompletedAsync(upload, lifetime.ApplicationStopping);
        }
        catch (Exception ex)
        {
            UploadsLog.CompletionFailed(logger, record.Id, ex);
            store.Delete(record.Id);
            return new AppendOutcome(AppendStatus.CompletionFailed, record.Length, record.Expires);
        }

        if (!result.IsAccepted)
        {
            UploadsLog.UploadRefused(logger, record.Id, result.StatusCode, result.Title);
            store.Delete(record.Id);
            return new AppendOutcome(AppendStatus.Refused, record.Length, record.Expires, result);
        }

        var completed = record with { Completed = time.GetUtcNow(), TitleLocation = result.TitleLocation };
        await store.SaveAsync(completed, CancellationToken.None);
        File.Delete(path);
        UploadsLog.UploadCompleted(logger, record.Id, record.Length, result.TitleLocation);
        return new AppendOutcome(AppendStatus.Completed, record.Length, completed.Expires, result);
    }
}
