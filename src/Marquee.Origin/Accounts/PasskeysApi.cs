using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Passkey (WebAuthn) sign-in alongside passwords, on .NET 10 Identity's passkey handler and store. Each ceremony is
/// two requests: options (a challenge for navigator.credentials.create/get) and the browser's answer with the sealed
/// state from the first request. Sign-in uses discoverable credentials only, so it never asks for or reveals an email.
/// </summary>
public static class PasskeysApi
{
    private const string SignInPurpose = "sign-in";
    private const int MaxCredentialJson = 64 * 1024;
    private const int MaxNameLength = 64;

    /// <summary>Enough for every device a person owns; each one is a row and a credential to offer at sign-in.</summary>
    public const int MaxPasskeys = 20;
    private const string NotAccepted = "The passkey was not accepted, or its account cannot sign in.";

    public static IEndpointRouteBuilder MapPasskeysApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/v1/auth").WithTags("Accounts").RequireRateLimiting(AuthApi.RateLimitPolicy);
        auth.MapPost("/passkey/options", SignInOptionsAsync);
        auth.MapPost("/passkey/login", PasskeyLoginAsync);
        auth.MapPost("/browser/passkey-login", BrowserPasskeyLoginAsync);

        var account = routes.MapGroup("/api/v1/account/passkeys").WithTags("Accounts").RequireAuthorization();
        account.MapGet("/", ListAsync);
        account.MapPost("/options", CreationOptionsAsync).RequireRateLimiting(AuthApi.RateLimitPolicy);
        account.MapPost("/", AddAsync).RequireRateLimiting(AuthApi.RateLimitPolicy);
        account.MapDelete("/{id}", RemoveAsync);
        return routes;
    }

    internal static async Task<Ok<PasskeyOptions>> SignInOptionsAsync(
        IPasskeyHandler<MarqueeUser> passkeys, PasskeyCeremonies ceremonies, HttpContext http)
    {
        var options = await passkeys.MakeRequestOptionsAsync(null, http);
        return TypedResults.Ok(new PasskeyOptions(
            JsonDocument.Parse(options.RequestOptionsJson).RootElement.Clone(),
            ceremonies.Seal(SignInPurpose, options.AssertionState ?? "")));
    }

    internal static async Task<Results<Ok<TokenPair>, ProblemHttpResult, ValidationProblem>> PasskeyLoginAsync(
        PasskeyAnswer body, IPasskeyHandler<MarqueeUser> passkeys, PasskeyCeremonies ceremonies, UserManager<MarqueeUser> users,
        TokenService tokens, HttpContext http, CancellationToken cancellationToken)
    {
        var (user, invalid, refused) = await AssertAsync(body, passkeys, ceremonies, users, http);
        if (invalid is not null)
        {
            return invalid;
        }

        return user is null ? refused! : TypedResults.Ok(await tokens.IssueAsync(user, http, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> BrowserPasskeyLoginAsync(
        PasskeyAnswer body, IPasskeyHandler<MarqueeUser> passkeys, PasskeyCeremonies ceremonies, UserManager<MarqueeUser> users,
        TokenService tokens, HttpContext http)
    {
        var (user, invalid, refused) = await AssertAsync(body, passkeys, ceremonies, users, http);
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

    /// <summary>Verifies a sign-in answer; every way of failing gets the same refusal as a wrong password.</summary>
    private static async Task<(MarqueeUser? User, ValidationProblem? Invalid, ProblemHttpResult? Refused)> AssertAsync(
        PasskeyAnswer body, IPasskeyHandler<MarqueeUser> passkeys, PasskeyCeremonies ceremonies, UserManager<MarqueeUser> users, HttpContext http)
    {
        if (CredentialJson(body) is not { } credential)
        {
            return (null, InvalidAnswer(), null);
        }

        var state = ceremonies.Open(SignInPurpose, body.State);
        if (state is null)
        {
            return (null, null, Refused("The sign-in request expired or was already used; start again."));
        }

        var result = await passkeys.PerformAssertionAsync(new PasskeyAssertionContext { HttpContext = http, CredentialJson = credential, AssertionState = state });
        if (!result.Succeeded)
        {
            return (null, null, Refused(NotAccepted));
        }

        var user = result.User;
        if (user.Disabled || !user.EmailConfirmed || await users.IsLockedOutAsync(user))
        {
            return (null, null, Refused(NotAccepted));
        }

        // The handler returns the passkey with its new signature counter and backup flags; keep them.
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        await users.ResetAccessFailedCountAsync(user);
        return (user, null, null);
    }

    internal static async Task<Results<Ok<PasskeyOptions>, UnauthorizedHttpResult, ProblemHttpResult>> CreationOptionsAsync(
        ClaimsPrincipal principal, UserManager<MarqueeUser> users, IPasskeyHandler<MarqueeUser> passkeys, PasskeyCeremonies ceremonies, HttpContext http)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (await FullAsync(users, user) is { } full)
        {
            return full;
        }

        var email = user.Email ?? user.Id;
        var options = await passkeys.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = email, DisplayName = email }, http);
        return TypedResults.Ok(new PasskeyOptions(
            JsonDocument.Parse(options.CreationOptionsJson).RootElement.Clone(),
            ceremonies.Seal(AddPurpose(user), options.AttestationState ?? "")));
    }

    internal static async Task<Results<Created<PasskeyView>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> AddAsync(
        PasskeyAnswer body, ClaimsPrincipal principal, UserManager<MarqueeUser> users, IPasskeyHandler<MarqueeUser> passkeys,
        PasskeyCeremonies ceremonies, TimeProvider clock, HttpContext http)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var name = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim();
        if (CredentialJson(body) is not { } credential || name is { Length: > MaxNameLength })
        {
            return name is { Length: > MaxNameLength }
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A passkey name has at most {MaxNameLength} characters."] })
                : InvalidAnswer();
        }

        if (await FullAsync(users, user) is { } full)
        {
            return full;
        }

        var state = ceremonies.Open(AddPurpose(user), body.State);
        if (state is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Passkey not added", detail: "The request to add a passkey expired or was already used; start again.");
        }

        var result = await passkeys.PerformAttestationAsync(new PasskeyAttestationContext { HttpContext = http, CredentialJson = credential, AttestationState = state });
        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: 422, title: "Passkey not added", detail: $"The authenticator's answer was not accepted: {result.Failure.Message}");
        }

        var passkey = result.Passkey;
        passkey.Name = name ?? $"Passkey added {clock.GetUtcNow():yyyy-MM-dd}";
        var saved = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!saved.Succeeded)
        {
            return TypedResults.Problem(statusCode: 409, title: "Passkey not added", detail: string.Join(" ", saved.Errors.Select(e => e.Description)));
        }

        var view = PasskeyView.From(passkey);
        return TypedResults.Created($"/api/v1/account/passkeys/{view.Id}", view);
    }

    internal static async Task<Results<Ok<List<PasskeyView>>, UnauthorizedHttpResult>> ListAsync(ClaimsPrincipal principal, UserManager<MarqueeUser> users)
    {
        var user = await users.GetUserAsync(principal);
        return user is null
            ? TypedResults.Unauthorized()
            : TypedResults.Ok((await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt).Select(PasskeyView.From).ToList());
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>, UnauthorizedHttpResult>> RemoveAsync(
        string id, ClaimsPrincipal principal, UserManager<MarqueeUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var credentialId = DecodeId(id);
        if (credentialId is null || await users.GetPasskeyAsync(user, credentialId) is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Passkey not found", Detail = "This account has no passkey with that id." });
        }

        await users.RemovePasskeyAsync(user, credentialId);
        return TypedResults.NoContent();
    }

    private static string AddPurpose(MarqueeUser user) => "add:" + user.Id;

    private static async Task<ProblemHttpResult?> FullAsync(UserManager<MarqueeUser> users, MarqueeUser user) =>
        (await users.GetPasskeysAsync(user)).Count >= MaxPasskeys
            ? TypedResults.Problem(statusCode: 409, title: "Too many passkeys", detail: $"An account has at most {MaxPasskeys} passkeys; remove one first.")
            : null;

    private static string? CredentialJson(PasskeyAnswer body) =>
        body.Credential is { ValueKind: JsonValueKind.Object } credential && credential.GetRawText() is { Length: <= MaxCredentialJson } json ? json : null;

    private static byte[]? DecodeId(string id)
    {
        if (id.Length is 0 or > 1400)
        {
            return null;
        }

        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ValidationProblem InvalidAnswer() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["credential"] = ["The credential must be the JSON of the browser's PublicKeyCredential (credential.toJSON()), with the state from the options request."],
        });

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: detail);
}

/// <summary>Options for navigator.credentials.create/get (PublicKeyCredential.parse…OptionsFromJSON) and the sealed state to send back.</summary>
public sealed record PasskeyOptions(JsonElement Options, string State);

/// <summary>The browser's answer: credential.toJSON(), the state from the options request and, when adding, a name.</summary>
public sealed record PasskeyAnswer(JsonElement Credential, string? State, string? Name = null);

public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt, bool BackedUp)
{
    public static PasskeyView From(UserPasskeyInfo passkey) =>
        new(WebEncoders.Base64UrlEncode(passkey.CredentialId), passkey.Name ?? "Passkey", passkey.CreatedAt, passkey.IsBackedUp);
}
