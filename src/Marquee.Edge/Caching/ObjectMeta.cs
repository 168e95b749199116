using System.Globalization;

namespace Marquee.Edge.Caching;

/// <summary>
/// What the cache keeps about an object besides its bytes: the upstream's headers worth replaying, and when it
/// was fetched, so freshness (and how stale a stale-if-error answer is) can be decided later and across restarts.
/// Header strings are made once here, not per response.
/// </summary>
internal sealed class ObjectMeta
{
    public ObjectMeta(string contentType, string? etag, DateTimeOffset? lastModified, long length, string cacheControl, TimeSpan maxAge, DateTimeOffset fetchedAt)
    {
        ContentType = contentType;
        ETag = etag;
        LastModified = lastModified;
        LastModifiedHeader = lastModified?.ToString("R", CultureInfo.InvariantCulture);
        Length = length;
        CacheControl = cacheControl;
        MaxAge = maxAge;
        FetchedAt = fetchedAt;
    }

    public string ContentType { get; }

    /// <summary>As the upstream sent it, quotes and any <c>W/</c> included.</summary>
    public string? ETag { get; }

    public DateTimeOffset? LastModified { get; }

    public string? LastModifiedHeader { get; }

    /// <summary>The body's length; -1 while a fill with no Content-Length is under way.</summary>
    public long Length { get; }

    public string CacheControl { get; }

    /// <summary>The freshness lifetime the upstream gave (max-age), counted from <see cref="FetchedAt"/>.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>When the upstream's copy was fetched, already moved back by any Age the upstream (a parent edge) reported.</summary>
    public DateTimeOffset FetchedAt { get; }

    public bool IsFresh(DateTimeOffset now) => now - FetchedAt < MaxAge;

    /// <summary>How long past its freshness lifetime the copy is at <paramref name="now"/> (zero or negative while fresh).</summary>
    public TimeSpan Staleness(DateTimeOffset now) => now - FetchedAt - MaxAge;

    public ObjectMeta WithLength(long length) => new(ContentType, ETag, LastModified, length, CacheControl, MaxAge, FetchedAt);
}
