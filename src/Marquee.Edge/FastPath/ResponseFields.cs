using System.Text;
using Marquee.Edge.Caching;

namespace Marquee.Edge.FastPath;

/// <summary>
/// The header lines every answer for one cached object shares, as bytes, built once per object (versions are
/// immutable, so they never change): what <see cref="Delivery.MediaResponses"/> sets for a viewer's hit, plus the
/// headers every edge answer carries (<see cref="Hosting.EdgeResponseHeaders"/>; HSTS is added per response,
/// over TLS only). Per response only the status line, the length, the range and the date are added.
/// </summary>
internal static class ResponseFields
{
    // Upstream headers are replayed; a block beyond this is a strange upstream, and such an object takes the whole way.
    private const int MaxBytes = 8 * 1024;

    /// <summary>The block, or null when a value is not plain visible ASCII (Kestrel then decides what to send).</summary>
    public static byte[]? Build(ObjectMeta meta)
    {
        var text = new StringBuilder(256);
        Add(text, "Content-Type", meta.ContentType);
        Add(text, "ETag", meta.ETag);
        Add(text, "Last-Modified", meta.LastModifiedHeader);
        Add(text, "Cache-Control", meta.CacheControl.Length > 0 ? meta.CacheControl : null);
        Add(text, "Accept-Ranges", "bytes");
        Add(text, "Access-Control-Allow-Origin", "*");
        Add(text, "X-Content-Type-Options", "nosniff");
        Add(text, "Referrer-Policy", "no-referrer");
        var block = text.ToString();
        foreach (var c in block)
        {
            if (c is not ('\r' or '\n' or '\t' or (>= ' ' and <= '~')))
            {
                return null;
            }
        }

        return block.Length <= MaxBytes && !HasBareLineBreak(meta) ? Encoding.ASCII.GetBytes(block) : null;
    }

    private static bool HasBareLineBreak(ObjectMeta meta) =>
        $"{meta.ContentType}{meta.ETag}{meta.LastModifiedHeader}{meta.CacheControl}".AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static void Add(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
    }
}
