namespace Marquee.Media.Storage;

/// <summary>
/// Where published media lives. Keys are relative paths such as <c>media/{assetId}/{version}/master.m3u8</c>,
/// checked by <see cref="ObjectKey"/>. Every write is all-or-nothing per object: a reader sees the old object,
/// no object, or the whole new one, never a partial file.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any object there.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Metadata of one object, or null when there is none.</summary>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens an object for reading, or null when there is none. The stream is seekable so that
    /// HTTP range requests can be answered without reading the whole object.
    /// </summary>
    Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key that starts with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>; missing objects are not an error.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
