namespace Marquee.Origin.Data;

/// <summary>A secret every origin of an installation must agree on (token signing keys, the edge key), on PostgreSQL.</summary>
public sealed class SharedSecret
{
    public required string Name { get; set; }

    public required string Value { get; set; }
}
