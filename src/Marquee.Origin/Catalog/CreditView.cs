namespace Marquee.Origin.Catalog;

public sealed record CreditView(string Name, string Role, string? Character);
