using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Builds the ranking query from the analyzed words of the user's text, programmatically, so that no character
/// of the text is ever syntax. Each word is a best-of over fields (name, then people, genres, synopsis), exact
/// first, with fuzzy and (for the last word) prefix alternatives weighted below exact; the words are combined
/// with coord so that matching more of them ranks higher; a phrase on the name and an exact whole-name match
/// rank titles that are what was typed above titles that merely contain the words.
/// </summary>
internal sealed class RelevanceQuery(NearMisses nearMisses)
{
    public const int MaxWords = 12;

    private const float NameBoost = 3f;
    private const float PeopleBoost = 2f;
    private const float GenreBoost = 1.5f;
    private const float SynopsisBoost = 1f;
    private const float PhraseBoost = 3f;
    private const float WholeNameBoost = 2f;
    private const float TieBreaker = 0.1f;

    // A typed word that exists as-is keeps its exact matches well ahead of its near misses.
    private const float FuzzyWeight = 0.5f;
    private const float FuzzyWeightWhenExactExists = 0.1f;
    private const int MaxFuzzyExpansions = 16;

    // Prefix matches score a constant, about what a common word in the field scores.
    private const int MinPrefixLength = 2;
    private const float NamePrefixScore = 6f;
    private const float PeoplePrefixScore = 4f;
    private const int MaxPhrasePrefixTerms = 32;
    private const int MaxPhrasePrefixScan = 512;

    private static readonly (string Field, float Boost)[] ExactFields =
        [(SearchFields.Name, NameBoost), (SearchFields.People, PeopleBoost), (SearchFields.Genres, GenreBoost), (SearchFields.Synopsis, SynopsisBoost)];

    private static readonly (string Field, float Boost)[] FuzzyFields =
        [(SearchFields.Name, NameBoost), (SearchFields.People, PeopleBoost), (SearchFields.Genres, GenreBoost)];

    /// <param name="words">The analyzed words in order, at most <see cref="MaxWords"/>; the last may be unfinished.</param>
    /// <param name="required">How many distinct words a title must match.</param>
    public Query Build(IReadOnlyList<string> words, IndexReader reader, int required)
    {
        var last = words[^1];
        var distinct = words.Distinct(StringComparer.Ordinal).ToList();
        var perWord = new BooleanQuery(disableCoord: false) { MinimumNumberShouldMatch = Math.Clamp(required, 1, distinct.Count) };
        foreach (var word in distinct)
        {
            perWord.Add(Word(word, word == last, reader), Occur.SHOULD);
        }

        var query = new BooleanQuery(disableCoord: true) { { perWord, Occur.MUST } };
        if (words.Count > 1 && Phrase(words, reader) is { } phrase)
        {
            query.Add(phrase, Occur.SHOULD);
        }

        query.Add(new TermQuery(new Term(SearchFields.NameKey, SearchFields.Key(words))) { Boost = WholeNameBoost }, Occur.SHOULD);
        return query;
    }

    private DisjunctionMaxQuery Word(string word, bool isLast, IndexReader reader)
    {
        var best = new DisjunctionMaxQuery(TieBreaker);
        var existsExactly = false;
        foreach (var (field, boost) in ExactFields)
        {
            var term = new Term(field, word);
            existsExactly |= reader.DocFreq(term) > 0;
            best.Add(new TermQuery(term) { Boost = boost });
        }

        if (NearMisses.AllowedEdits(word) > 0)
        {
            var weight = existsExactly ? FuzzyWeightWhenExactExists : FuzzyWeight;
            foreach (var (field, boost) in FuzzyFields)
            {
                var nearby = nearMisses.Find(reader, field, word, knownWord: existsExactly, MaxFuzzyExpansions);
                if (nearby.Count > 0)
                {
                    var anyOf = new BooleanQuery(disableCoord: true);
                    foreach (var (near, edits) in nearby)
                    {
                        anyOf.Add(new TermQuery(new Term(field, near)) { Boost = boost * weight * (1f - ((float)edits / word.Length)) }, Occur.SHOULD);
                    }

                    best.Add(anyOf);
                }
            }
        }

        if (isLast && word.Length >= MinPrefixLength)
        {
            best.Add(new PrefixQuery(new Term(SearchFields.Name, word)) { Boost = NamePrefixScore });
            best.Add(new PrefixQuery(new Term(SearchFields.People, word)) { Boost = PeoplePrefixScore });
        }

        return best;
    }

    /// <summary>
    /// The words in order in the name. The last word may be unfinished ("star wa"), so it stands for the most
    /// frequent name words it begins; null when no name has such a word, since then no title has the phrase.
    /// </summary>
    private static Query? Phrase(IReadOnlyList<string> words, IndexReader reader)
    {
        var last = words[^1];
        if (last.Length < MinPrefixLength)
        {
            var exact = new PhraseQuery { Boost = PhraseBoost };
            foreach (var word in words)
            {
                exact.Add(new Term(SearchFields.Name, word));
            }

            return exact;
        }

        var completions = Completions(reader, last);
        if (completions.Length == 0)
        {
            return null;
        }

        var phrase = new MultiPhraseQuery { Boost = PhraseBoost };
        for (var i = 0; i < words.Count - 1; i++)
        {
            phrase.Add(new Term(SearchFields.Name, words[i]));
        }

        phrase.Add(completions);
        return phrase;
    }

    private static Term[] Completions(IndexReader reader, string prefix)
    {
        var terms = MultiFields.GetTerms(reader, SearchFields.Name);
        if (terms is null)
        {
            return [];
        }

        var start = new BytesRef(prefix);
        var enumerator = terms.GetEnumerator();
        if (enumerator.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        var found = new List<(int DocFreq, string Word)>();
        var scanned = 0;
        do
        {
            var term = enumerator.Term;
            if (!StringHelper.StartsWith(term, start))
            {
                break;
            }

            found.Add((enumerator.DocFreq, term.Utf8ToString()));
        }
        while (++scanned < MaxPhrasePrefixScan && enumerator.MoveNext());

        return [.. found
            .OrderByDescending(f => f.Word == prefix)
            .ThenByDescending(f => f.DocFreq)
            .Take(MaxPhrasePrefixTerms)
            .Select(f => new Term(SearchFields.Name, f.Word))];
    }
}
