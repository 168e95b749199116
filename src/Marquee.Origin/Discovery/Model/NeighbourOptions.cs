namespace Marquee.Origin.Discovery.Model;

/// <summary>The knobs of <see cref="ItemNeighbours"/>; the defaults are what bench/recommendations chose.</summary>
public sealed record NeighbourOptions
{
    /// <summary>Neighbours kept per title.</summary>
    public int Keep { get; init; } = 40;

    /// <summary>Cosine shrinkage: a similarity resting on n shared profiles is scaled by n / (n + Shrinkage).</summary>
    public float Shrinkage { get; init; } = 10;

    /// <summary>
    /// Evidence at which behaviour and content weigh the same: a pair whose less-watched title has n profiles blends as
    /// n / (n + EvidenceHalf) behaviour and the rest content.
    /// </summary>
    public float EvidenceHalf { get; init; } = 15;

    /// <summary>Content similarity's scale against cosine, which runs lower on sparse data.</summary>
    public float ContentScale { get; init; } = 0.3f;
}
