namespace Marquee.Origin.Catalog;

/// <summary>One person in a title's cast or crew: "actor" with the character played, or "director", "writer"…</summary>
public sealed class Credit
{
    public required string Name { get; set; }

    public required string Role { get; set; }

    public string? Character { get; set; }
}
