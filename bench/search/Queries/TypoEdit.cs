namespace Marquee.Bench.Search.Queries;

/// <summary>The four single edits of Damerau–Levenshtein distance 1.</summary>
internal enum TypoEdit
{
    Substitute,
    Delete,
    Insert,
    Transpose,
}
