namespace Marquee.Origin.Uploads;

/// <summary>An upload whose last byte has arrived, as handed to <see cref="IUploadCompletionHandler"/>.</summary>
/// <param name="Id">The upload id (32 lowercase hex characters), as in its URL.</param>
/// <param name="FilePath">Absolute path of the complete file; see the ownership rule on <see cref="IUploadCompletionHandler"/>.</param>
/// <param name="Length">Its length in bytes, equal to the file's length.</param>
/// <param name="Metadata">The decoded Upload-Metadata values (UTF-8); a key sent without a value maps to "".</param>
internal sealed record CompletedUpload(string Id, string FilePath, long Length, IReadOnlyDictionary<string, string> Metadata);
