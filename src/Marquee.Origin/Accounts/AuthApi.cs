using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Accounts;

/// <summary>
/// <c>/api/v1/auth</c> and <c>/api/v1/account</c>: registration with email confirmation, sign-in to tokens,
/// refresh rotation, sign-out, password reset. Answers never tell whether an address has an account.
/// </summary>
public static class AuthApi
{
    public const string RateLimitPolicy = "auth";
    public const int MaxEmailLength = 254;
    private const string CheckEmail = "If the address can be used, a message with the next step is on its way.";
    private const string BadCredentials = "The email or password is incorrect, or the address is not confirmed yet.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/v1/auth").WithTags("Accounts").RequireRateLimiting(RateLimitPolicy);
        auth.MapPost("/register", RegisterAsync);
        auth.MapGet("/confirm", ConfirmAsync).WithName("ConfirmEmail");
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/browser/login", BrowserLoginAsync);
        auth.MapPost("/browser/logout", (Delegate)BrowserLogoutAsync);
        routes.MapGet("/api/v1/auth/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            TypedResults.Ok(new AntiforgeryView(antiforgery.GetAndStoreTokens(http).RequestToken ?? "", BrowserSessions.AntiforgeryHeader))).WithTags("Accounts");
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapPost("/forgot-password", ForgotPasswordAsync);
        auth.MapPost("/reset-password", ResetPasswordAsync);

        var account = routes.MapGroup("/api/v1/account").WithTags("Accounts").RequireAuthorization();
        account.MapGet("/", MeAsync);
        account.MapPost("/sign-out-everywhere", SignOutEverywhereAsync);
        // Each attempt checks the current password (a deliberately slow hash): limited like signing in, per address and account.
        account.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(RateLimitPolicy);
        return routes;
    }

    internal static async Task<Results<Accepted<AcceptedMessage>, ValidationProblem>> RegisterAsync(
        Registration body, UserManager<MarqueeUser> users, ProfileService profiles, Sharing.Invitations invitations, IAccountEmailSender mail,
        IOptions<AccountOptions> options, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = ValidateEmail(body.Email);
        if (errors.Count > 0 || string.IsNullOrEmpty(body.Password))
        {
            errors.TryAdd("password", ["A password is required."]);
            return TypedResults.ValidationProblem(errors);
        }

        var email = body.Email!.Trim();
        var candidate = new MarqueeUser { UserName = email, Email = email, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        var policy = await CheckPasswordAsync(users, candidate, body.Password);
        if (policy.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. policy] });
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same answer and about the same work as a new account: hash the password anyway.
            users.PasswordHasher.HashPassword(candidate, body.Password);
            await mail.SendAsync(new AccountEmail(email, "Someone tried to register with your address",
                "An account already exists for this address. If that was you, sign in or reset your password."), cancellationToken);
            return TypedResults.Accepted((string?)null, new AcceptedMessage(CheckEmail));
        }

        candidate.InvitedBy = await invitations.InviterOfAsync(body.Ref, http.Request, cancellationToken);
        var created = await users.CreateAsync(candidate, body.Password);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [.. created.Errors.Select(e => e.Description)] });
        }

        http.Response.Cookies.Delete(Sharing.Invitations.CookieName);
        await users.AddToRoleAsync(candidate, Roles.Viewer);
        await profiles.CreateDefaultAsync(candidate.Id, ProfileService.DefaultName(email), cancellationToken);
        var token = await users.GenerateEmailConfirmationTokenAsync(candidate);
        // The web app's page, which confirms with GET /api/v1/auth/confirm and the same query.
        var link = $"{options.Value.PublicUrl.TrimEnd('/')}/confirm?userId={Uri.EscapeDataString(candidate.Id)}&token={Uri.EscapeDataString(token)}";
        await mail.SendAsync(new AccountEmail(email, "Confirm your Marquee account", $"Open this link to confirm your address:\n\n{link}\n"), cancellationToken);
        return TypedResults.Accepted((string?)null, new AcceptedMessage(CheckEmail));
    }

    internal static async Task<Results<Ok<AcceptedMessage>, ProblemHttpResult>> ConfirmAsync(string? userId, string? token, UserManager<MarqueeUser> users)
    {
        var user = string.IsNullOrEmpty(userId) || userId.Length > 100 ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(token) || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return TypedResults.Problem(statusCode: 400, title: "The link is not valid", detail: "The confirmation link is invalid or has expired. Register again to get a new one.");
        }

        return TypedResults.Ok(new AcceptedMessage("Your address is confirmed; you can sign in."));
    }

    internal static async Task<Results<Ok<TokenPair>, ProblemHttpResult, ValidationProblem>> LoginAsync(
        Credentials body, UserManager<MarqueeUser> users, TokenService tokens, AccountRateLimiter limiter, HttpContext http, CancellationToken cancellationToken)
    {
        var (user, invalid, refused) = await AuthenticateAsync(body, users, limiter, http);
        if (invalid is not null)
        {
            return invalid;
        }

        if (user is null)
        {
            return refused!;
        }

        return TypedResults.Ok(await tokens.IssueAsync(user, http, cancellationToken));
    }

    /// <summary>Signs a browser in with the session cookie; the tokens never reach page script.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> BrowserLoginAsync(
        Credentials body, UserManager<MarqueeUser> users, TokenService tokens, AccountRateLimiter limiter, HttpContext http)
    {
        var (user, invalid, refused) = await AuthenticateAsync(body, users, limiter, http);
        if (invalid is not null)
        {
            return invalid;
        }

        if (user is null)
        {
            return refused!;
        }

        await BrowserSessions.SignInAsync(http, tokens, user, profileId: null);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> BrowserLogoutAsync(HttpContext http)
    {
        await BrowserSessions.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    /// <summary>The checks every sign-in shares; the same refusal for every way of failing.</summary>
    private static async Task<(MarqueeUser? User, ValidationProblem? Invalid, ProblemHttpResult? Refused)> AuthenticateAsync(Credentials body, UserManager<MarqueeUser> users, AccountRateLimiter limiter, HttpContext http)
    {
        // No address is longer than 254 characters; a longer one would only key the per-account limiter with junk.
        if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > MaxEmailLength
            || string.IsNullOrEmpty(body.Password) || body.Password.Length > PasswordPolicyValidator.MaxLength)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credentials"] = ["An email and a password are required."] }), null);
        }

        if (await limiter.TryAcquireAsync("login", body.Email) is { } wait)
        {
            return (null, null, TooMany(http, wait));
        }

        var user = await users.FindByEmailAsync(body.Email.Trim());
        if (user is null)
        {
            // Spend the time a real check takes, so timing does not reveal unknown addresses.
            users.PasswordHasher.VerifyHashedPassword(new MarqueeUser(), DummyHash.Value(users), body.Password);
            return (null, null, Unauthorized());
        }

        if (await users.IsLockedOutAsync(user) || user.Disabled || !user.EmailConfirmed)
        {
            users.PasswordHasher.VerifyHashedPassword(user, DummyHash.Value(users), body.Password);
            return (null, null, Unauthorized());
        }

        // UserManager upgrades a hash made with fewer iterations when the password is right (SuccessRehashNeeded).
        if (!await users.CheckPasswordAsync(user, body.Password))
        {
            await users.AccessFailedAsync(user);
            return (null, null, Unauthorized());
        }

        await users.ResetAccessFailedCountAsync(user);
        return (user, null, null);
    }

    internal static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(RefreshRequest body, TokenService tokens, HttpContext http, CancellationToken cancellationToken)
    {
        var pair = string.IsNullOrEmpty(body.RefreshToken) || body.RefreshToken.Length > 200 ? null : await tokens.RefreshAsync(body.RefreshToken, http, cancellationToken);
        return pair is null
            ? TypedResults.Problem(statusCode: 401, title: "Sign in again", detail: "The refresh token is invalid, expired, revoked or already used.")
            : TypedResults.Ok(pair);
    }

    internal static async Task<NoContent> LogoutAsync(RefreshRequest body, TokenService tokens, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(body.RefreshToken) && body.RefreshToken.Length <= 200)
        {
            await tokens.RevokeFamilyOfAsync(body.RefreshToken, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<Accepted<AcceptedMessage>, ValidationProblem, ProblemHttpResult>> ForgotPasswordAsync(
        EmailRequest body, UserManager<MarqueeUser> users, IAccountEmailSender mail, IOptions<AccountOptions> options, AccountRateLimiter limiter, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = ValidateEmail(body.Email);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await limiter.TryAcquireAsync("reset", body.Email!) is { } wait)
        {
            return TooMany(http, wait);
        }

        var user = await users.FindByEmailAsync(body.Email!.Trim());
        if (user is not null && !user.Disabled)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var site = options.Value.PublicUrl.TrimEnd('/');
            // The link opens the web app's page (which posts to /api/v1/auth/reset-password); API clients use the token as it is.
            var link = $"{site}/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
            await mail.SendAsync(new AccountEmail(user.Email!, "Reset your Marquee password",
                $"To choose a new password, open this link:\n\n{link}\n\nOr send this token with your address and the new password to {site}/api/v1/auth/reset-password:\n\n{token}\n"), cancellationToken);
        }

        return TypedResults.Accepted((string?)null, new AcceptedMessage(CheckEmail));
    }

    internal static async Task<Results<Ok<AcceptedMessage>, ProblemHttpResult, ValidationProblem>> ResetPasswordAsync(
        ResetPasswordRequest body, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(body.Email) ? null : await users.FindByEmailAsync(body.Email.Trim());
        if (user is null || string.IsNullOrEmpty(body.Token) || string.IsNullOrEmpty(body.NewPassword))
        {
            return TypedResults.Problem(statusCode: 400, title: "The reset is not valid", detail: "The address, token or new password is missing or wrong.");
        }

        var result = await users.ResetPasswordAsync(user, body.Token, body.NewPassword);
        if (!result.Succeeded)
        {
            var passwordErrors = result.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToArray();
            return passwordErrors.Length > 0
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = passwordErrors })
                : TypedResults.Problem(statusCode: 400, title: "The reset is not valid", detail: "The address, token or new password is missing or wrong.");
        }

        // ResetPasswordAsync renewed the security stamp, which ends access tokens; end refresh tokens too.
        await tokens.RevokeAllAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new AcceptedMessage("Your password is changed; every session was signed out."));
    }

    [Authorize]
    internal static async Task<Results<Ok<AccountView>, UnauthorizedHttpResult>> MeAsync(
        ClaimsPrincipal principal, UserManager<MarqueeUser> users, ProfileService profiles, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        // Empty when every profile is locked and none was chosen yet: the app then asks who is watching.
        var profile = await profiles.CurrentOrNullAsync(principal, cancellationToken);
        return TypedResults.Ok(new AccountView(user.Id, user.Email ?? "", [.. await users.GetRolesAsync(user)], user.PlanId, user.EmailConfirmed,
            DateTimeOffset.FromUnixTimeMilliseconds(user.CreatedAtMs), profile?.Id ?? ""));
    }

    internal static async Task<Results<NoContent, UnauthorizedHttpResult>> SignOutEverywhereAsync(
        ClaimsPrincipal principal, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        await users.UpdateSecurityStampAsync(user);
        await tokens.RevokeAllAsync(user.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Every other session ends; this one goes on: an app gets a fresh token pair, a browser a fresh cookie (204), since
    /// tokens would only expose the session to page script.
    /// </summary>
    internal static async Task<Results<Ok<TokenPair>, NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest body, ClaimsPrincipal principal, UserManager<MarqueeUser> users, TokenService tokens, AccountRateLimiter limiter, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign in again", detail: "The account no longer exists.");
        }

        // A stolen session could otherwise guess the password from many addresses.
        if (await limiter.TryAcquireAsync("password", user.Id) is { } wait)
        {
            return TooMany(http, wait);
        }

        var result = await users.ChangePasswordAsync(user, body.CurrentPassword ?? "", body.NewPassword ?? "");
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "currentPassword" : "newPassword";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [.. result.Errors.Select(e => e.Description)] });
        }

        // The stamp changed: every other session ends. This one continues with fresh tokens or a fresh cookie.
        var sessionId = principal.FindFirstValue(TokenService.SessionClaim);
        var profileId = principal.FindFirstValue(TokenService.ProfileClaim);
        await tokens.RevokeAllAsync(user.Id, cancellationToken, keepSession: sessionId);
        if (BrowserSessions.UsesCookie(http))
        {
            await BrowserSessions.SignInAsync(http, tokens, user, profileId, sessionId);
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(await tokens.IssueAsync(user, http, cancellationToken, profileId, sessionId));
    }

    private static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = AccountRateLimiter.Seconds(wait);
        return TypedResults.Problem(statusCode: 429, title: "Too many attempts",
            detail: $"Too many attempts for this account; try again in {AccountRateLimiter.Seconds(wait)} seconds.");
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: BadCredentials);

    private static Dictionary<string, string[]> ValidateEmail(string? email)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxEmailLength || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            errors["email"] = ["A valid email address is required."];
        }

        return errors;
    }

    private static async Task<List<string>> CheckPasswordAsync(UserManager<MarqueeUser> users, MarqueeUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems;
    }
}
