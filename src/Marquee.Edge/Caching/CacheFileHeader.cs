namespace Marquee.Edge.Caching;

/// <summary>The JSON at the start of every cache file: the key (so the index can be rebuilt) and the object's metadata.</summary>
internal sealed record CacheFileHeader(
    string Key,
    string ContentType,
    string? ETag,
    long? LastModifiedUnixMs,
    long Length,
    string CacheControl,
    long MaxAgeSeconds,
    long FetchedAtUnixMs);
