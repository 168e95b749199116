using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Community;

/// <summary>
/// A keyset position in a list ordered by (number, time, id) descending or ascending: the last item a page showed.
/// Opaque to clients (base64url of "number:time:id"); a tampered one is refused, never trusted.
/// </summary>
internal readonly record struct Cursor(long Number, long Ms, string Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Number}:{Ms}:{Id}")));

    /// <summary>The comments after <paramref name="before"/> in newest-first order (time, then id, descending).</summary>
    public static IQueryable<Comment> NewestAfter(IQueryable<Comment> query, Cursor? before) => before is { } b
        ? query.Where(c => c.CreatedAtMs < b.Ms || (c.CreatedAtMs == b.Ms && string.Compare(c.Id, b.Id) < 0))
        : query;

    public static ValidationProblem Invalid() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["cursor is not one this service gave out."] });

    public static bool TryParse(string? text, out Cursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 3);
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || parts[2].Length > 120)
        {
            return false;
        }

        cursor = new Cursor(number, ms, parts[2]);
        return true;
    }
}
