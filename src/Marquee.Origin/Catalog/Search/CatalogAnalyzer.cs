using System.Buffers;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// One analyzer for indexing and querying, so that both sides agree on every word: Unicode word boundaries,
/// lower case, accents folded to ASCII ("Amélie" is "amelie"). Text passes through <see cref="Prepare"/> first
/// on both sides. No stop words: "The" matters in a phrase like "The Thing".
/// </summary>
internal sealed class CatalogAnalyzer : Analyzer
{
    private static readonly SearchValues<char> Punctuation = SearchValues.Create("':\u2019\u02BC");

    /// <summary>
    /// Drops apostrophes, so that "Schindler's" and "schindlers" are the same word, and makes colons spaces, which
    /// Unicode word breaking would keep inside "Alien:Covenant". Done on the string rather than in a char filter,
    /// which costs a lock per read in Lucene.NET.
    /// </summary>
    public static string Prepare(string text)
    {
        if (text.AsSpan().IndexOfAny(Punctuation) < 0)
        {
            return text;
        }

        var prepared = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ':')
            {
                prepared.Append(' ');
            }
            else if (!Punctuation.Contains(c))
            {
                prepared.Append(c);
            }
        }

        return prepared.ToString();
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The words of <paramref name="text"/> as the index sees them, at most <paramref name="max"/>.</summary>
    public List<string> Words(string text, int max)
    {
        var words = new List<string>();
        using var stream = GetTokenStream(SearchFields.Name, Prepare(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (words.Count < max && stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }
}
