using Marquee.Edge.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Marquee.Edge.Delivery;

/// <summary>
/// Conditional requests against a cached object's validators, in the order RFC 9110 §13.2.2 gives:
/// If-Match (412), If-None-Match (304, weak comparison), If-Modified-Since when there is no If-None-Match
/// (304), and If-Range, which decides whether a Range header is honoured at all (strong comparison only).
/// </summary>
internal static class Preconditions
{
    public static int Evaluate(HttpRequest request, ObjectMeta meta)
    {
        var headers = request.Headers;
        var ifMatch = headers.IfMatch;
        if (ifMatch.Count > 0 && !Matches(ifMatch, meta.ETag, weak: false))
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return Matches(ifNoneMatch, meta.ETag, weak: true) ? StatusCodes.Status304NotModified : 0;
        }

        var ifModifiedSince = headers.IfModifiedSince;
        if (ifModifiedSince.Count > 0 && meta.LastModified is { } lastModified
            && HeaderUtilities.TryParseDate(ifModifiedSince.ToString(), out var since)
            && Truncate(lastModified) <= since)
        {
            return StatusCodes.Status304NotModified;
        }

        return 0;
    }

    /// <summary>True when a Range header may be used: no If-Range, or one naming the current representation.</summary>
    public static bool RangeApplies(HttpRequest request, ObjectMeta meta)
    {
        var ifRange = request.Headers.IfRange;
        if (ifRange.Count == 0)
        {
            return true;
        }

        var value = ifRange.ToString().Trim();
        if (value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal))
        {
            return meta.ETag is { } etag && !IsWeak(etag) && !IsWeak(value) && string.Equals(value, etag, StringComparison.Ordinal);
        }

        return meta.LastModified is { } lastModified && HeaderUtilities.TryParseDate(value, out var date) && Truncate(lastModified) == date;
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string? etag, bool weak)
    {
        foreach (var value in header)
        {
            foreach (var raw in (value ?? "").Split(','))
            {
                var candidate = raw.Trim();
                if (candidate == "*")
                {
                    return true;
                }

                if (etag is null || (!weak && (IsWeak(candidate) || IsWeak(etag))))
                {
                    continue;
                }

                if (string.Equals(Opaque(candidate), Opaque(etag), StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWeak(string etag) => etag.StartsWith("W/", StringComparison.Ordinal);

    private static string Opaque(string etag) => IsWeak(etag) ? etag[2..] : etag;

    // HTTP dates have whole seconds.
    private static DateTimeOffset Truncate(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
}
