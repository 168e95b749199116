using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util.Automaton;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Finds the indexed words a typed word may be a typo of: within one edit from 5 letters, two from 9, the first
/// letter always right (a typo there is rare, and fixing it would multiply the candidates). It does what Lucene's
/// FuzzyQuery does, but builds each word's Levenshtein automaton once for every field and keeps it for the next
/// query, since building it costs more than the whole rest of a search and people retype the same words.
/// </summary>
internal sealed class NearMisses
{
    private const int PrefixLength = 1;
    private const int MaxWordLength = 40;
    private const int MaxCachedWords = 4096;
    private const int MaxScannedTerms = 1024;
    private const int AsciiMax = 127;

    private readonly ConcurrentDictionary<string, CompiledAutomaton> automata = new(StringComparer.Ordinal);

    /// <summary>Edits a word may be off by: none below 5 letters, one from 5, two from 9.</summary>
    public static int AllowedEdits(string word) => word.Length switch
    {
        < 5 => 0,
        < 9 => 1,
        > MaxWordLength => 0,
        _ => 2,
    };

    /// <summary>Indexed words of <paramref name="field"/> near <paramref name="word"/>, itself excluded: nearest, then most frequent.</summary>
    public List<(string Word, int Edits)> Find(IndexReader reader, string field, string word, int max)
    {
        var edits = AllowedEdits(word);
        var terms = edits == 0 ? null : MultiFields.GetTerms(reader, field);
        if (terms is null || char.IsSurrogate(word[0]))
        {
            return [];
        }

        var found = new List<(string Word, int Edits, int DocFreq)>();
        var matches = Automaton(word, edits).GetTermsEnum(terms);
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

    private CompiledAutomaton Automaton(string word, int edits)
    {
        if (automata.TryGetValue(word, out var compiled))
        {
            return compiled;
        }

        if (automata.Count >= MaxCachedWords)
        {
            automata.Clear();
        }

        // The analyzer folds Latin text to ASCII, so an ASCII word's edits need only ASCII letters: that automaton
        // compiles to UTF-8 many times faster than one over all of Unicode.
        var rest = Ascii.IsValid(word)
            ? new LevenshteinAutomata([.. word[PrefixLength..].Select(c => (int)c)], AsciiMax, withTranspositions: true).ToAutomaton(edits)
            : new LevenshteinAutomata(word[PrefixLength..], withTranspositions: true).ToAutomaton(edits);
        compiled = new CompiledAutomaton(BasicOperations.Concatenate(BasicAutomata.MakeString(word[..PrefixLength]), rest), finite: true, simplify: false);
        return automata.GetOrAdd(word, compiled);
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
