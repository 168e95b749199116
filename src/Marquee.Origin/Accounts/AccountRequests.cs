namespace Marquee.Origin.Accounts;

public sealed record Credentials(string? Email, string? Password);

/// <summary>A sign-up: credentials, and the invite code of the link it came through, if any (browsers send it as a cookie instead).</summary>
public sealed record Registration(string? Email, string? Password, string? Ref = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record EmailRequest(string? Email);

public sealed record ResetPasswordRequest(string? Email, string? Token, string? NewPassword);

/// <summary>The signed-in account; <paramref name="ProfileId"/> is the profile this session acts as.</summary>
public sealed record AccountView(string Id, string Email, IReadOnlyList<string> Roles, string Plan, bool EmailConfirmed, DateTimeOffset CreatedAt, string ProfileId);

public sealed record AcceptedMessage(string Message);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record AntiforgeryView(string Token, string HeaderName);
