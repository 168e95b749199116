using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary><c>/api/v1/social/me</c>: the current profile's public face (handle, name, bio) and its two switches, both off until turned on.</summary>
public static class SocialMeApi
{
    public static RouteGroupBuilder MapSocialMeApi(this RouteGroupBuilder social)
    {
        social.MapGet("/social/me", GetAsync);
        social.MapPut("/social/me", PutAsync);
        return social;
    }

    internal static async Task<Results<Ok<SocialMeView>, ProblemHttpResult>> GetAsync(SocialGate gate, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        return TypedResults.Ok(await ViewAsync(db, actor.ProfileId, actor.Face, cancellationToken));
    }

    internal static async Task<Results<Ok<SocialMeView>, ValidationProblem, ProblemHttpResult>> PutAsync(
        SocialMeRequest? body, SocialGate gate, MarqueeDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["handle"] = ["A JSON body with a handle is required."] });
        }

        Check(errors, "handle", SocialRules.HandleError(body.Handle));
        Check(errors, "displayName", SocialRules.LineError("displayName", body.DisplayName, SocialRules.MaxDisplayName));
        Check(errors, "bio", string.IsNullOrWhiteSpace(body.Bio) ? null : SocialRules.TextError("bio", body.Bio, SocialRules.MaxBio));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var handle = body.Handle!;
        var key = SocialRules.Key(handle);
        if (await db.SocialProfiles.AnyAsync(s => s.HandleKey == key && s.ProfileId != actor.ProfileId, cancellationToken))
        {
            return Taken(handle);
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var face = await db.SocialProfiles.SingleOrDefaultAsync(s => s.ProfileId == actor.ProfileId, cancellationToken);
        if (face is null)
        {
            face = new SocialProfile { ProfileId = actor.ProfileId, UserId = actor.UserId, Handle = handle, HandleKey = key, DisplayName = handle, CreatedAtMs = now };
            db.SocialProfiles.Add(face);
        }

        face.Handle = handle;
        face.HandleKey = key;
        // Left out: kept as it was; given blank: the handle.
        face.DisplayName = body.DisplayName is null ? face.DisplayName : body.DisplayName.Trim() is { Length: > 0 } name ? name : handle;
        face.Bio = body.Bio is null ? face.Bio : body.Bio.Trim();
        face.TasteMatching = body.TasteMatching ?? face.TasteMatching;
        face.ShareActivity = body.ShareActivity ?? face.ShareActivity;
        face.UpdatedAtMs = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another profile took the handle between the check and the write: the unique index decided.
            return Taken(handle);
        }

        return TypedResults.Ok(await ViewAsync(db, actor.ProfileId, face, cancellationToken));
    }

    private static async Task<SocialMeView> ViewAsync(MarqueeDbContext db, string profileId, SocialProfile? face, CancellationToken cancellationToken)
    {
        var followers = await db.PersonLinks.CountAsync(l => l.ToProfileId == profileId && l.Kind == LinkKind.Follow, cancellationToken);
        var following = await db.PersonLinks.CountAsync(l => l.FromProfileId == profileId && l.Kind == LinkKind.Follow, cancellationToken);
        return new SocialMeView(face?.Handle, face?.DisplayName, face?.Bio, face?.TasteMatching ?? false, face?.ShareActivity ?? false, followers, following);
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static ProblemHttpResult Taken(string handle) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That handle is taken",
        detail: $"Someone already goes by \"{handle}\" (handles ignore case); choose another.");
}
