using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util.Automaton;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Finds the indexed words a typed word may be a typo of: within one edit from 5 letters, two from 9. A word the
/// index knows is most likely meant as typed, so its near misses keep its first letter, which keeps them few; a
/// word it does not know is a typo, which may be in the first letter too. It does what Lucene's FuzzyQuery does,
/// but builds each word's Levenshtein automaton once for every field and keeps it for the next query, since
/// building one costs more than the rest of a search and people retype the same words.
/// </summary>
internal sealed class NearMisses
{
    private const int PrefixLength = 1;
    private const int MaxWordLength = 40;
    private const int MaxCachedWords = 4096;
    private const int MaxScannedTerms = 1024;
    private const int AsciiMax = 127;

    private readonly ConcurrentDictionary<string, CompiledAutomaton> sameFirstLetter = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompiledAutomaton> anyFirstLetter = new(StringComparer.Ordinal);

    /// <summary>Edits a word may be off by: none below 5 letters, one from 5, two from 9.</summary>
    public static int AllowedEdits(string word) => word.Length switch
    {
        < 5 => 0,
        < 9 => 1,
        > MaxWordLength => 0,
        _ => 2,
    };

    /// <summary>Indexed words of <paramref name="field"/> near <paramref name="word"/>, itself excluded: nearest, then most frequent.</summary>
    public List<(string Word, int Edits)> Find(IndexReader reader, string field, string word, bool knownWord, int max)
    {
        var edits = AllowedEdits(word);
        var terms = edits == 0 ? null : MultiFields.GetTerms(reader, field);
        if (terms is null || (knownWord && char.IsSurrogate(word[0])))
        {
            return [];
        }

        var found = new List<(string Word, int Edits, int DocFreq)>();
        var automaton = knownWord ? Automaton(sameFirstLetter, word, edits, PrefixLength) : Automaton(anyFirstLetter, word, edits, 0);
        var matches = automaton.GetTermsEnum(terms);
        for (var scanned = 0; scanned < MaxScannedTerms && matches.MoveNext(); scanned++)
        {
            var candidate = matches.Term.Utf8ToString();
            var distance = Distance(word, candidate);
            if (distance > 0 && distance <= edits)
            {
                found.Add((candidate, distance, matches.DocFreq));
            }
        }

        found.Sort((a, b) => a.Edits != b.Edits ? a.Edits.CompareTo(b.Edits) : b.DocFreq.CompareTo(a.DocFreq));
        return [.. found.Take(max).Select(f => (f.Word, f.Edits))];
    }

    private static CompiledAutomaton Automaton(ConcurrentDictionary<string, CompiledAutomaton> cache, string word, int edits, int prefixLength)
    {
        if (cache.TryGetValue(word, out var compiled))
        {
            return compiled;
        }

        if (cache.Count >= MaxCachedWords)
        {
            cache.Clear();
        }

        // The analyzer folds Latin text to ASCII, so an ASCII word's edits need only ASCII letters: that automaton
        // compiles to UTF-8 many times faster than one over all of Unicode.
        var rest = word[prefixLength..];
        var automaton = Ascii.IsValid(word)
            ? new LevenshteinAutomata([.. rest.Select(c => (int)c)], AsciiMax, withTranspositions: true).ToAutomaton(edits)
            : new LevenshteinAutomata(rest, withTranspositions: true).ToAutomaton(edits);
        if (prefixLength > 0)
        {
            automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(word[..prefixLength]), automaton);
        }

        return cache.GetOrAdd(word, new CompiledAutomaton(automaton, finite: true, simplify: false));
    }

    /// <summary>Edit distance counting a swap of neighbours as one edit, as the automaton does.</summary>
    internal static int Distance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
