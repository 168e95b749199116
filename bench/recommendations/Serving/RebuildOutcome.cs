namespace Marquee.Bench.Recommendations.Serving;

/// <summary>What <c>POST /api/v1/admin/recommendations/rebuild</c> answered, how long it took, and its summary (the body).</summary>
internal sealed record RebuildOutcome(int Status, double Seconds, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string Describe() => Status switch
    {
        404 or 405 => $"{Status}: this origin has no rebuild endpoint (the personal rows are not on this commit yet); browse is measured as it is",
        0 => $"no answer: {Body}",
        _ when Succeeded => $"{Status} in {Seconds:0.0} s: {Shorten(Body)}",
        _ => $"{Status} in {Seconds:0.0} s, a failure: {Shorten(Body)}",
    };

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 400 ? line : line[..400] + "…";
    }
}
