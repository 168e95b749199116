using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Finds the indexed words a typed word may be a typo of: within one edit from 5 letters, two from 9. A word the
/// index knows is most likely meant as typed, so only its one-edit neighbours with the same first letter are
/// looked at; a word it does not know is a typo, looked up with its first letter kept and, if that finds
/// nothing, with the first letter as the mistake. It does what Lucene's FuzzyQuery does,
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

        // A word the index knows was most likely meant: only its one-edit neighbours with the same first letter
        // are looked at. A one-edit typo keeps its first letter most of the time, the cheap search; only when that
        // finds nothing is the first letter allowed to be the mistake too.
        if (knownWord || edits == 1)
        {
            var found = Collect(terms, OneEdit(sameFirstLetter, word, PrefixLength), word, max);
            return knownWord || found.Count > 0 ? found : Collect(terms, OneEdit(anyFirstLetter, word, 0), word, max);
        }

        // Two edits: building and intersecting a two-edit automaton for a new word costs tens of milliseconds, while
        // reading the words that share its first letter and measuring each costs well under one (a catalog's
        // vocabulary is tens of thousands of words). Measured with bench/search.
        var scanned = Scan(terms, word, word[..PrefixLength], edits, max);
        return scanned.Count > 0 ? scanned : Scan(terms, word, "", edits, max);
    }

    /// <summary>Every indexed word starting with <paramref name="prefix"/>, of a length within reach, measured directly.</summary>
    private static List<(string Word, int Edits)> Scan(Terms terms, string word, string prefix, int edits, int max)
    {
        var found = new List<(string Word, int Edits, int DocFreq)>();
        var enumerator = terms.GetEnumerator();
        var start = new BytesRef(prefix);
        if (enumerator.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        do
        {
            var term = enumerator.Term;
            if (!StringHelper.StartsWith(term, start))
            {
                break;
            }

            // Byte length is the character count for ASCII words, and a lower bound otherwise is not needed here:
            // a candidate too long or short in bytes is measured anyway when it is not ASCII.
            if (Math.Abs(term.Length - word.Length) <= edits || !IsAscii(term))
            {
                var candidate = term.Utf8ToString();
                var distance = Distance(word, candidate);
                if (distance > 0 && distance <= edits)
                {
                    found.Add((candidate, distance, enumerator.DocFreq));
                }
            }
        }
        while (enumerator.MoveNext());

        return Nearest(found, max);
    }

    private static bool IsAscii(BytesRef term)
    {
        for (var i = term.Offset; i < term.Offset + term.Length; i++)
        {
            if (term.Bytes[i] > AsciiMax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The indexed words a one-edit automaton accepts, itself excluded.</summary>
    private static List<(string Word, int Edits)> Collect(Terms terms, CompiledAutomaton automaton, string word, int max)
    {
        var found = new List<(string Word, int Edits, int DocFreq)>();
        var matches = automaton.GetTermsEnum(terms);
        for (var scanned = 0; scanned < MaxScannedTerms && matches.MoveNext(); scanned++)
        {
            var candidate = matches.Term.Utf8ToString();
            var distance = Distance(word, candidate);
            if (distance == 1)
            {
                found.Add((candidate, distance, matches.DocFreq));
            }
        }

        return Nearest(found, max);
    }

    /// <summary>Nearest first, then the most frequent.</summary>
    private static List<(string Word, int Edits)> Nearest(List<(string Word, int Edits, int DocFreq)> found, int max)
    {
        found.Sort((a, b) => a.Edits != b.Edits ? a.Edits.CompareTo(b.Edits) : b.DocFreq.CompareTo(a.DocFreq));
        return [.. found.Take(max).Select(f => (f.Word, f.Edits))];
    }

    /// <summary>The one-edit automaton of a word (two-edit typos are scanned instead), built once and kept.</summary>
    private static CompiledAutomaton OneEdit(ConcurrentDictionary<string, CompiledAutomaton> cache, string word, int prefixLength)
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
            ? new LevenshteinAutomata([.. rest.Select(c => (int)c)], AsciiMax, withTranspositions: true).ToAutomaton(1)
            : new LevenshteinAutomata(rest, withTranspositions: true).ToAutomaton(1);
        if (prefixLength > 0)
        {
            automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(word[..prefixLength]), automaton);
        }

        return cache.GetOrAdd(word, new CompiledAutomaton(automaton, finite: true, simplify: false));
    }

    /// <summary>Edit distance counting a swap of neighbours as one edit, as the automaton does.</summary>
    internal static int Distance(string a, string b)
    {
        Span<int> rows = b.Length < 64 ? stackalloc int[3 * (b.Length + 1)] : new int[3 * (b.Length + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows.Slice(2 * (b.Length + 1), b.Length + 1);
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

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }
}
