using System.Collections.Concurrent;
using System.Security.Cryptography;
using Marquee.Origin.Uploads;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>
/// Records what it is handed (with the SHA-256 of the file as it was during the call) and decides by metadata:
/// "refuse" gets a 422, "explode" throws, anything else is accepted as /api/v1/titles/{n}.
/// </summary>
internal sealed class TestCompletionHandler : IUploadCompletionHandler
{
    public ConcurrentQueue<ReceivedUpload> Received { get; } = new();

    public async Task<UploadCompletionResult> OnUploadCompletedAsync(CompletedUpload upload, CancellationToken cancellationToken)
    {
        string sha256;
        await using (var file = File.OpenRead(upload.FilePath))
        {
            sha256 = Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken));
        }

        Received.Enqueue(new ReceivedUpload(upload, sha256, new FileInfo(upload.FilePath).Length));
        if (upload.Metadata.ContainsKey("explode"))
        {
            throw new InvalidOperationException("The test handler was asked to fail.");
        }

        return upload.Metadata.ContainsKey("refuse")
            ? UploadCompletionResult.Refused(422, "Not a video", "The test handler refuses uploads marked 'refuse'.")
            : UploadCompletionResult.Accepted($"/api/v1/titles/{Received.Count}");
    }
}
