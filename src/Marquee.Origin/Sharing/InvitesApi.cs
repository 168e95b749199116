using System.Security.Claims;
using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Sharing;

/// <summary>
/// <c>GET /api/v1/invites</c>: the account's invite link and how many joined through it;
/// <c>GET /api/v1/admin/invites</c>: sign-ups per inviter; <c>GET /join?ref=…</c>: the link itself, which
/// remembers the code for the sign-up and opens the sign-up page.
/// </summary>
public static class InvitesApi
{
    public const int AdminLimit = 500;

    public sealed record InviteView(string Url, int Signups, int Confirmed);

    public sealed record InvitersView(IReadOnlyList<Invitations.InviterRow> Items);

    public static IEndpointRouteBuilder MapInvitesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/invites", GetAsync).WithTags("Sharing").RequireAuthorization();
        routes.MapGet("/api/v1/admin/invites", GetInvitersAsync).WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        routes.MapMethods("/join", [HttpMethods.Get, HttpMethods.Head], JoinAsync).ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Ok<InviteView>> GetAsync(
        ClaimsPrincipal user, UserManager<MarqueeUser> users, Invitations invitations, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        var code = await invitations.CodeForAsync(userId, cancellationToken);
        var counts = await invitations.CountsAsync(userId, cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new InviteView(links.Join(code), counts.Signups, counts.Confirmed));
    }

    internal static async Task<Ok<InvitersView>> GetInvitersAsync(Invitations invitations, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new InvitersView(await invitations.InvitersAsync(AdminLimit, cancellationToken)));
    }

    /// <summary>
    /// Whatever the code, the visitor lands on the sign-up page: a mistyped link should still let someone join. Only a
    /// code an account holds is remembered.
    /// </summary>
    internal static async Task<RedirectHttpResult> JoinAsync(string? @ref, Invitations invitations, HttpContext http, CancellationToken cancellationToken)
    {
        if (await invitations.InviterAsync(@ref, cancellationToken) is not null)
        {
            http.Response.Cookies.Append(Invitations.CookieName, @ref!, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                MaxAge = Invitations.CookieLifetime,
                IsEssential = true,
            });
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect("/signup");
    }
}
