using System.Security.Claims;
using Marquee.Media.Subtitles;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Marquee.Origin.Accounts;

/// <summary>
/// <c>/api/v1/profiles</c>: an account's viewers. Another account's profile is simply not found. A request acting
/// as a kids profile may not create, change or delete profiles (or it could lift its own limit), and a profile locked
/// with a PIN is changed or deleted only by a request acting as it (which took its PIN to select): otherwise any other
/// profile could lift the lock and walk in; a forgotten PIN is lifted with the account's password (<see cref="ProfileUnlock"/>).
/// Guessing a PIN is limited per profile, like sign-in per account.
/// </summary>
public static class ProfilesApi
{
    public const int PinLength = 4;

    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/profiles").WithTags("Profiles").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/select", SelectAsync).RequireRateLimiting(AuthApi.RateLimitPolicy);
        group.MapPost("/{id}/unlock", ProfileUnlock.UnlockAsync).RequireRateLimiting(AuthApi.RateLimitPolicy);
        return routes;
    }

    /// <summary>Works with no profile chosen, even when all are locked: this is where one is chosen.</summary>
    internal static async Task<Ok<List<ProfileView>>> ListAsync(ClaimsPrincipal principal, ProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok((await profiles.ListOrCreateAsync(UserId(principal), cancellationToken)).Select(View).ToList());

    internal static async Task<Results<Created<ProfileView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProfileRequest body, ClaimsPrincipal principal, ProfileService profiles, MarqueeDbContext db, IOptions<AccountOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ManagementForbidden(await profiles.CurrentAsync(principal, cancellationToken), target: null) is { } forbidden)
        {
            return forbidden;
        }

        var errors = Validate(body.Name, body.Avatar, body.Language, body.MaturityLimit, body.Pin, nameRequired: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var existing = await profiles.ListAsync(UserId(principal), cancellationToken);
        if (existing.Count >= options.Value.MaxProfiles)
        {
            return TypedResults.Problem(statusCode: 409, title: "Too many profiles", detail: $"An account has at most {options.Value.MaxProfiles} profiles; delete one first.");
        }

        var profile = new Profile
        {
            Id = Hosting.Ids.New(),
            UserId = UserId(principal),
            Name = body.Name!.Trim(),
            Avatar = body.Avatar ?? "blue",
            Language = body.Language ?? "en",
            MaturityLimit = body.MaturityLimit ?? 18,
            PinHash = string.IsNullOrEmpty(body.Pin) ? null : profiles.HashPin(body.Pin),
            CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/profiles/{profile.Id}", View(profile));
    }

    internal static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateProfileRequest body, ClaimsPrincipal principal, ProfileService profiles, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var current = await profiles.CurrentAsync(principal, cancellationToken);
        var profile = (await profiles.ListAsync(UserId(principal), cancellationToken)).SingleOrDefault(p => p.Id == id);
        if (ManagementForbidden(current, profile) is { } forbidden)
        {
            return forbidden;
        }

        if (profile is null)
        {
            return NotFound();
        }

        var errors = Validate(body.Name, body.Avatar, body.Language, body.MaturityLimit, string.IsNullOrEmpty(body.Pin) ? null : body.Pin, nameRequired: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        profile.Name = body.Name?.Trim() ?? profile.Name;
        profile.Avatar = body.Avatar ?? profile.Avatar;
        profile.Language = body.Language ?? profile.Language;
        profile.MaturityLimit = body.MaturityLimit ?? profile.MaturityLimit;
        if (body.Pin is not null)
        {
            // An empty PIN removes the lock.
            profile.PinHash = body.Pin.Length == 0 ? null : profiles.HashPin(body.Pin);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(profile));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, ClaimsPrincipal principal, ProfileService profiles, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var current = await profiles.CurrentAsync(principal, cancellationToken);
        var all = await profiles.ListAsync(UserId(principal), cancellationToken);
        var profile = all.SingleOrDefault(p => p.Id == id);
        if (ManagementForbidden(current, profile) is { } forbidden)
        {
            return forbidden;
        }

        if (profile is null)
        {
            return NotFound();
        }

        if (all.Count == 1)
        {
            return TypedResults.Problem(statusCode: 409, title: "The last profile stays", detail: "An account keeps at least one profile.");
        }

        // Its plays stay counted (edge pre-filling, charts) but no longer say whose they were; ratings, progress and
        // lists go with the profile (their foreign keys cascade).
        await db.PlaybackStarts.Where(p => p.ProfileId == profile.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ProfileId, (string?)null), cancellationToken);
        db.Profiles.Remove(profile);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Switches to a profile: new tokens that act as it. A locked profile needs its PIN.</summary>
    internal static async Task<Results<Ok<TokenPair>, NoContent, ProblemHttpResult>> SelectAsync(
        string id, SelectProfileRequest? body, ClaimsPrincipal principal, ProfileService profiles, UserManager<MarqueeUser> users, TokenService tokens,
        AccountRateLimiter limiter, HttpContext http, CancellationToken cancellationToken)
    {
        var profile = (await profiles.ListAsync(UserId(principal), cancellationToken)).SingleOrDefault(p => p.Id == id);
        if (profile is null)
        {
            return NotFound();
        }

        if (profile.PinHash is not null && await limiter.TryAcquireAsync("pin", profile.Id) is { } wait)
        {
            http.Response.Headers.RetryAfter = AccountRateLimiter.Seconds(wait);
            return TypedResults.Problem(statusCode: 429, title: "Too many attempts",
                detail: $"Too many PIN attempts for this profile; try again in {AccountRateLimiter.Seconds(wait)} seconds.");
        }

        if (!profiles.CheckPin(profile, body?.Pin))
        {
            return TypedResults.Problem(statusCode: 403, title: "Wrong PIN", detail: "This profile is locked; the PIN is not right.");
        }

        var user = await users.FindByIdAsync(UserId(principal));
        if (user is null)
        {
            return NotFound();
        }

        if (BrowserSessions.UsesCookie(http))
        {
            // A browser switches by getting a new session cookie; tokens would only expose it to page script.
            await BrowserSessions.SignInAsync(http, tokens, user, profile.Id, principal.FindFirstValue(TokenService.SessionClaim));
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(await tokens.IssueAsync(user, http, cancellationToken, profile.Id, principal.FindFirstValue(TokenService.SessionClaim)));
    }

    internal static ProfileView View(Profile p) => new(p.Id, p.Name, p.Avatar, p.Language, p.MaturityLimit, p.MaturityLimit < 18, p.PinHash is not null);

    /// <summary>A kids profile manages no profiles; a locked one is managed only by a request acting as it.</summary>
    private static ProblemHttpResult? ManagementForbidden(Profile current, Profile? target) =>
        current.MaturityLimit < 18
            ? TypedResults.Problem(statusCode: 403, title: "Not from a kids profile", detail: "Profiles can be managed from an adult profile only.")
            : target is { PinHash: not null } && target.Id != current.Id
                ? TypedResults.Problem(statusCode: 403, title: "The profile is locked",
                    detail: "A profile locked with a PIN is changed or deleted only from itself: select it with its PIN first.")
                : null;

    private static Dictionary<string, string[]> Validate(string? name, string? avatar, string? language, int? maturity, string? pin, bool nameRequired)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim();
        if ((nameRequired || name is not null) && (string.IsNullOrEmpty(trimmed) || trimmed.Length > 40 || trimmed.Any(char.IsControl)))
        {
            errors["name"] = ["A name is 1 to 40 characters."];
        }

        if (avatar is not null && !Profile.Avatars.Contains(avatar))
        {
            errors["avatar"] = [$"The avatar is one of: {string.Join(", ", Profile.Avatars)}."];
        }

        if (language is not null && !SubtitleConverter.IsValidLanguage(language))
        {
            errors["language"] = ["The language is a tag such as 'en' or 'pt-BR'."];
        }

        if (maturity is { } m && !Profile.MaturityLevels.Contains(m))
        {
            errors["maturityLimit"] = [$"The maturity limit is one of {string.Join(", ", Profile.MaturityLevels)}."];
        }

        if (pin is not null && (pin.Length != PinLength || !pin.All(char.IsAsciiDigit)))
        {
            errors["pin"] = [$"A PIN is {PinLength} digits."];
        }

        return errors;
    }

    /// <summary>Authorization guarantees an account: the id comes from the session's "sub" claim.</summary>
    private static string UserId(ClaimsPrincipal principal) => principal.FindFirstValue(JwtRegisteredClaimNames.Sub)!;

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Profile not found", detail: "This account has no such profile.");
}
