using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Accounts;

/// <summary>
/// <c>/api/v1/admin/users</c>: the account list (search by address, newest first), plan changes without payment,
/// and disabling, which ends every session the account has, at once.
/// </summary>
public static class AdminUsersApi
{
    public const int MaxTake = 200;
    private const int MaxQueryLength = 254;

    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/users").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapGet("/", ListAsync);
        group.MapPut("/{id}/plan", SetPlanAsync);
        group.MapPost("/{id}/disable", (string id, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken ct) => SetDisabledAsync(id, true, users, tokens, ct));
        group.MapPost("/{id}/enable", (string id, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken ct) => SetDisabledAsync(id, false, users, tokens, ct));
        return routes;
    }

    internal static async Task<Results<Ok<AdminUserPage>, ValidationProblem>> ListAsync(
        MarqueeDbContext db, CancellationToken cancellationToken, string? q = null, int skip = 0, int take = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["skip must be 0 or more."];
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = [$"take must be between 1 and {MaxTake}."];
        }

        if (q is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"q is at most {MaxQueryLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Identity stores addresses upper-cased (invariant) for lookups: a case-insensitive match on any database.
            var normalized = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        var total = await query.CountAsync(cancellationToken);
        var users = await query.OrderByDescending(u => u.CreatedAtMs).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var roles = await RolesAsync(db, users.Select(u => u.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new AdminUserPage([.. users.Select(u => View(u, roles[u.Id]))], total));
    }

    internal static async Task<Results<Ok<AdminUserView>, ValidationProblem, ProblemHttpResult>> SetPlanAsync(
        string id, ChangePlanRequest body, UserManager<MarqueeUser> users, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (body.PlanId is not { Length: > 0 and <= 64 } planId || !await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["planId"] = ["Choose one of the plans from /api/v1/plans."] });
        }

        var user = id.Length > 100 ? null : await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        // An administrator's change is not a purchase: it bypasses the payment provider.
        user.PlanId = planId;
        await users.UpdateAsync(user);
        var roles = await RolesAsync(db, [user.Id], cancellationToken);
        return TypedResults.Ok(View(user, roles[user.Id]));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(string id, bool disabled, UserManager<MarqueeUser> users, TokenService tokens, CancellationToken cancellationToken)
    {
        var user = id.Length > 100 ? null : await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
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

    /// <summary>The role names of each listed account (an empty list for one with none).</summary>
    private static async Task<ILookup<string, string>> RolesAsync(MarqueeDbContext db, List<string> userIds, CancellationToken cancellationToken) =>
        (await db.UserRoles.AsNoTracking().Where(r => userIds.Contains(r.UserId))
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
        .ToLookup(r => r.UserId, r => r.Name ?? "");

    private static AdminUserView View(MarqueeUser user, IEnumerable<string> roles) =>
        new(user.Id, user.Email ?? "", user.PlanId, [.. roles.Order(StringComparer.Ordinal)], user.Disabled, user.EmailConfirmed,
            DateTimeOffset.FromUnixTimeMilliseconds(user.CreatedAtMs));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: "There is no account with this id.");
}
