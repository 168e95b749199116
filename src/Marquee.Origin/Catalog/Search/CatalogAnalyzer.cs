using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// One analyzer for indexing and querying, so that both sides agree on every word: Unicode word boundaries,
/// lower case, accents folded to ASCII ("Amélie" is "amelie"), apostrophes dropped so that "Schindler's"
/// and "schindlers" are the same word, and colons made spaces (Unicode keeps "Alien:Covenant" one word).
/// No stop words: "The" matters in a phrase like "The Thing".
/// </summary>
internal sealed class CatalogAnalyzer : Analyzer
{
    private static readonly NormalizeCharMap Punctuation = BuildPunctuation();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(Punctuation, reader);

    /// <summary>Keeps one cast member's surname out of a phrase with the next one's first name.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>The words of <paramref name="text"/> as the index sees them, at most <paramref name="max"/>.</summary>
    public List<string> Words(string text, int max)
    {
        var words = new List<string>();
        using var stream = GetTokenStream(SearchFields.Name, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (words.Count < max && stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    private static NormalizeCharMap BuildPunctuation()
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var apostrophe in new[] { "'", "\u2019", "\u02BC" })
        {
            builder.Add(apostrophe, string.Empty);
        }

        builder.Add(":", " ");
        return builder.Build();
    }
}
