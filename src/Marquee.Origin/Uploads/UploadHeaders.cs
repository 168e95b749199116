using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Uploads;

/// <summary>Names and formats of the tus 1.0 headers and the Marquee ones that travel with them.</summary>
internal static class UploadHeaders
{
    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string MethodOverride = "X-HTTP-Method-Override";
    public const string AdminKey = "X-Marquee-Admin-Key";
    public const string MarqueeTitle = "Marquee-Title";

    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,termination,expiration";
    public const string OffsetOctetStream = "application/offset+octet-stream";

    /// <summary>Parses Upload-Length and Upload-Offset: a single non-negative decimal integer, nothing else.</summary>
    public static bool TryParseNonNegative(StringValues values, out long value)
    {
        value = 0;
        return values.Count == 1
            && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool IsOffsetOctetStream(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(OffsetOctetStream, StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTP date (RFC 9110 IMF-fixdate), as Upload-Expires wants it.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
