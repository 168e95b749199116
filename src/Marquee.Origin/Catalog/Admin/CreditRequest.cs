namespace Marquee.Origin.Catalog.Admin;

public sealed record CreditRequest(string? Name, string? Role, string? Character = null);
