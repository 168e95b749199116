namespace Marquee.Bench.Search.Queries;

/// <summary>What a query was made from; only <see cref="FullName"/> and <see cref="Typo"/> have one right first result.</summary>
internal enum QueryKind
{
    /// <summary>A title's whole name.</summary>
    FullName,

    /// <summary>A title's first words, not all of them.</summary>
    FirstWords,

    /// <summary>A title's first words with the last one cut short, as while typing.</summary>
    Prefix,

    /// <summary>The name of someone credited on a title.</summary>
    Person,

    /// <summary>One of a title's genres and a word of its name, in either order.</summary>
    GenreAndWord,

    /// <summary>A title's whole name with one edit in one word of five or more letters.</summary>
    Typo,
}
