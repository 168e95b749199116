namespace Marquee.Origin.Accounts;

/// <summary>What sign-in and refresh return to API clients.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");
