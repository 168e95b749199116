namespace Marquee.Origin.Discovery;

/// <summary>
/// One title's neighbours as the last rebuild left them, packed as "id:score" pairs best first, so every origin
/// serves the same answers from the same rows.
/// </summary>
public sealed class StoredNeighbours
{
    public required string TitleId { get; init; }

    public required string Packed { get; set; }

    public long BuiltAtMs { get; set; }
}
