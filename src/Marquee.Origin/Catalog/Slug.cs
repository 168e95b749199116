using Lucene.Net.Analysis.Miscellaneous;

namespace Marquee.Origin.Catalog;

/// <summary>Readable URL fragments: "Amélie: Part 2!" → "amelie-part-2".</summary>
public static class Slug
{
    public static string From(string text)
    {
        // The process runs with invariant globalization (no Unicode normalization), so accents are folded with
        // Lucene's table: the same folding search uses, so a slug reads like what people type.
        var input = text.ToCharArray();
        var folded = new char[input.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(input, 0, folded, 0, input.Length);
        var slug = new System.Text.StringBuilder();
        foreach (var c in folded.AsSpan(0, length))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "title" : result.Length > 80 ? result[..80].TrimEnd('-') : result;
    }
}
