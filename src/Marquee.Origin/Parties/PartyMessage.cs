namespace Marquee.Origin.Parties;

/// <summary>A chat line, kept while the party lasts so someone joining late or reconnecting sees the conversation.</summary>
public sealed class PartyMessage
{
    public required string Id { get; init; }

    public required string PartyId { get; init; }

    public required string MemberId { get; init; }

    public required string ProfileId { get; init; }

    public required string Name { get; init; }

    public required string Text { get; init; }

    public long AtMs { get; init; }
}
