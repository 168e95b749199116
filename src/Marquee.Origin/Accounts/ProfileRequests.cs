namespace Marquee.Origin.Accounts;

public sealed record ProfileView(string Id, string Name, string Avatar, string Language, int MaturityLimit, bool Kids, bool Locked);

public sealed record CreateProfileRequest(string? Name, string? Avatar, string? Language, int? MaturityLimit, string? Pin);

public sealed record UpdateProfileRequest(string? Name, string? Avatar, string? Language, int? MaturityLimit, string? Pin);

public sealed record SelectProfileRequest(string? Pin);
