using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Accounts;

/// <summary><c>/api/v1/admin/users</c>: disabling an account ends every session it has, at once.</summary>
public static class AdminUsersApi
{
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/users").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/{id}/disable", (string id, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken ct) => SetDisabledAsync(id, true, users, tokens, ct));
        group.MapPost("/{id}/enable", (string id, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken ct) => SetDisabledAsync(id, false, users, tokens, ct));
        return routes;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(string id, bool disabled, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken cancellationToken)
    {
        var user = id.Length > 100 ? null : await users.FindByIdAsync(id);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Account not found", detail: "There is no account with this id.");
        }

        user.Disabled = disabled;
        await users.UpdateAsync(user);
        if (disabled)
        {
            await users.UpdateSecurityStampAsync(user);
            await tokens.RevokeAllAsync(user.Id, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
