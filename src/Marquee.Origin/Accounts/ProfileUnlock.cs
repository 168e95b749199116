using System.Security.Claims;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Marquee.Origin.Accounts;

/// <summary>
/// <c>POST /api/v1/profiles/{id}/unlock {password}</c>: "Forgot the PIN?". The account's password, the credential
/// above every profile, lifts a profile's lock from wherever the account is signed in (even the picker a kids
/// profile left open, where the owner would reach for it). Guesses count against the account's sign-in limit.
/// </summary>
internal static class ProfileUnlock
{
    public sealed record UnlockRequest(string? Password);

    public static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> UnlockAsync(
        string id, UnlockRequest? body, ClaimsPrincipal principal, ProfileService profiles, UserManager<MarqueeUser> users, AccountRateLimiter limiter,
        MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal) ?? "";
        var profile = (await profiles.ListAsync(userId, cancellationToken)).SingleOrDefault(p => p.Id == id);
        var user = profile is null ? null : await users.FindByIdAsync(userId);
        if (profile is null || user is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Profile not found", detail: "There is no profile with this id in your account.");
        }

        if (await limiter.TryAcquireAsync("login", user.Email ?? user.Id) is { } wait)
        {
            http.Response.Headers.RetryAfter = AccountRateLimiter.Seconds(wait);
            return TypedResults.Problem(statusCode: 429, title: "Too many attempts",
                detail: $"Too many password attempts for this account; try again in {AccountRateLimiter.Seconds(wait)} seconds.");
        }

        if (string.IsNullOrEmpty(body?.Password) || body.Password.Length > 256 || !await users.CheckPasswordAsync(user, body.Password))
        {
            return TypedResults.Problem(statusCode: 403, title: "Wrong password",
                detail: "That is not the account's password. (An account that signs in with a passkey only can set a password with 'Forgot password'.)");
        }

        profile.PinHash = null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProfilesApi.View(profile));
    }
}
