using System.Security.Claims;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Accounts;

/// <summary><c>/api/v1/plans</c> (anyone reads, admins edit) and self-service plan changes on the account.</summary>
public static class PlansApi
{
    private static readonly int[] Heights = [240, 360, 480, 720, 1080, 1440, 2160];

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/plans", async (MarqueeDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Plans.AsNoTracking().OrderBy(p => p.PriceCentsPerMonth).ToListAsync(ct))).WithTags("Plans");
        routes.MapPut("/api/v1/plans/{id}", UpdateAsync).WithTags("Plans").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        routes.MapPut("/api/v1/account/plan", ChangeAsync).WithTags("Accounts").RequireAuthorization();
        return routes;
    }

    internal static async Task<Results<Ok<Plan>, ValidationProblem, ProblemHttpResult>> UpdateAsync(string id, PlanUpdate body, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Plan not found", detail: "There is no plan with this id.");
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Name is { } name && (name.Trim().Length is 0 or > 64))
        {
            errors["name"] = ["A name is 1 to 64 characters."];
        }

        if (body.MaxHeight is { } height && !Heights.Contains(height))
        {
            errors["maxHeight"] = [$"The maximum height is one of {string.Join(", ", Heights)}."];
        }

        if (body.MaxStreams is < 1 or > 20)
        {
            errors["maxStreams"] = ["Between 1 and 20 concurrent streams."];
        }

        if (body.DownloadDevices is < 0 or > 50)
        {
            errors["downloadDevices"] = ["Between 0 and 50 download devices."];
        }

        if (body.PriceCentsPerMonth is < 0 or > 1_000_000)
        {
            errors["priceCentsPerMonth"] = ["A price between 0 and 1,000,000 cents."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        plan.Name = body.Name?.Trim() ?? plan.Name;
        plan.FullCatalog = body.FullCatalog ?? plan.FullCatalog;
        plan.MaxHeight = body.MaxHeight ?? plan.MaxHeight;
        plan.MaxStreams = body.MaxStreams ?? plan.MaxStreams;
        plan.DownloadDevices = body.DownloadDevices ?? plan.DownloadDevices;
        plan.PriceCentsPerMonth = body.PriceCentsPerMonth ?? plan.PriceCentsPerMonth;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(plan);
    }

    internal static async Task<Results<Ok<Plan>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ChangePlanRequest body, ClaimsPrincipal principal, UserManager<MarqueeUser> users, MarqueeDbContext db, IPaymentProvider payments, CancellationToken cancellationToken)
    {
        var target = body.PlanId is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == body.PlanId, cancellationToken);
        if (target is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["planId"] = ["Choose one of the plans from /api/v1/plans."] });
        }

        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign in again", detail: "The account no longer exists.");
        }

        var current = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == user.PlanId, cancellationToken);
        if (!await payments.AuthorizePlanChangeAsync(user, current, target, cancellationToken))
        {
            return TypedResults.Problem(statusCode: 402, title: "Payment required", detail: "The payment for this plan did not go through.");
        }

        user.PlanId = target.Id;
        await users.UpdateAsync(user);
        return TypedResults.Ok(target);
    }
}
