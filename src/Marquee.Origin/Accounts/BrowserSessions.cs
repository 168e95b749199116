using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Browser sessions: an HttpOnly, SameSite=Lax cookie (over HTTPS a Secure <c>__Host-</c> cookie, see
/// <see cref="HostPrefixedCookies"/>) instead of tokens that script could read, plus antiforgery on every
/// state-changing request that a cookie authenticates.
/// </summary>
public static class BrowserSessions
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "marquee_session";
    public const string AntiforgeryCookieName = "marquee_csrf";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>How long the cookie lives without being used (it slides while in use).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>
    /// Sets the session cookie: for a new browser session (a sign-in), or for <paramref name="sessionId"/> when that is
    /// a live browser session of the account (a profile switch or password change goes on in the same session).
    /// </summary>
    public static async Task SignInAsync(HttpContext http, TokenService tokens, MarqueeUser user, string? profileId, string? sessionId = null)
    {
        var session = await http.RequestServices.GetRequiredService<UserSessions>()
            .ContinueOrStartAsync(user.Id, UserSession.Browser, sessionId, http, http.RequestAborted);
        var identity = new ClaimsIdentity(await tokens.ClaimsAsync(user, profileId, session.Id), Scheme, JwtRegisteredClaimNames.Email, ClaimTypes.Role);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Ends this browser's session: its row is revoked, so a copy of the cookie stops working too.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(JwtRegisteredClaimNames.Sub) is { } userId && http.User.FindFirstValue(TokenService.SessionClaim) is { } sessionId)
        {
            await http.RequestServices.GetRequiredService<UserSessions>().RevokeAsync(userId, sessionId, http.RequestAborted);
        }

        await http.SignOutAsync(Scheme);
    }

    /// <summary>True when the request carries no bearer token, so its identity (if any) came from the cookie.</summary>
    public static bool UsesCookie(HttpContext http) =>
        !http.Request.Headers.Authorization.Any(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>
    /// Refuses unsafe requests that ride on the session cookie without a matching antiforgery token; bearer-token
    /// requests are not exposed to cross-site forgery (a browser never adds the header by itself).
    /// </summary>
    public static async Task ValidateAntiforgeryAsync(HttpContext http, Func<Task> next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && UsesCookie(http) && http.Request.Cookies.ContainsKey(CookieName))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = 400,
                        Title = "Antiforgery token missing or invalid",
                        Detail = $"Requests made with the session cookie must send the token from GET /api/v1/auth/antiforgery in the {AntiforgeryHeader} header.",
                    },
                });
                return;
            }
        }

        await next();
    }
}
