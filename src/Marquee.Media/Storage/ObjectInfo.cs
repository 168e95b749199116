namespace Marquee.Media.Storage;

/// <summary>What a store knows about one object without reading it.</summary>
/// <param name="ETag">A strong validator, quoted as HTTP wants it (for example <c>"5d41402a"</c>).</param>
public sealed record ObjectInfo(string Key, long Length, DateTimeOffset LastModified, string ETag, string ContentType);
