namespace Marquee.Bench.Search.Queries;

/// <summary>
/// One query as sent, the title it was made from (the expected first result for <see cref="QueryKind.FullName"/>
/// and <see cref="QueryKind.Typo"/>) and, for typos, which edit made it.
/// </summary>
internal sealed record BenchQuery(int Number, QueryKind Kind, string Text, string SourceTitleId, string SourceName, string Detail)
{
    public bool HasExpectedTop1 => Kind is QueryKind.FullName or QueryKind.Typo;
}
