using Marquee.Bench.Search.Queries;

namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// Both engines' answers to one kind of query. <see cref="Judged"/> kinds (whole names, typos) have one right
/// first result; for the others, the source title's rank is shown for information only.
/// </summary>
internal sealed record KindQuality(QueryKind Kind, int Count, bool Judged, EngineQuality Ours, EngineQuality Reference)
{
    public static KindQuality From(QueryKind kind, IReadOnlyList<BenchQuery> queries, IReadOnlyList<Sample> ours, IReadOnlyList<Sample> reference)
    {
        var indexes = Enumerable.Range(0, queries.Count).Where(i => queries[i].Kind == kind).ToList();
        EngineQuality Quality(IReadOnlyList<Sample> samples) => new(
            indexes.Count(i => samples[i].Ids.Count > 0 && samples[i].Ids[0] == queries[i].SourceTitleId),
            indexes.Count(i => samples[i].Ids.Contains(queries[i].SourceTitleId)),
            indexes.Count(i => samples[i].Ok && samples[i].Ids.Count == 0));
        return new KindQuality(kind, indexes.Count, kind is QueryKind.FullName or QueryKind.Typo, Quality(ours), Quality(reference));
    }

    public double Top1Rate(EngineQuality engine) => Count == 0 ? double.NaN : (double)engine.Top1 / Count;
}
