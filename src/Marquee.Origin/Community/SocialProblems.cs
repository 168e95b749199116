using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Community;

/// <summary>The refusals every social endpoint shares, each with the sentence a person reads.</summary>
internal static class SocialProblems
{
    public static ProblemHttpResult Kids() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not from a kids profile",
        detail: "Kids profiles have no public face and see no other people: comments, people, follows and matching are for adult profiles.");

    public static ProblemHttpResult NeedsHandle() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A public name is needed",
        detail: "Choose a handle for this profile first (PUT /api/v1/social/me, or the People page): it is the name others see beside what you write.");

    public static ProblemHttpResult PersonNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Person not found",
        detail: "There is nobody with this handle that you can see.");

    public static ProblemHttpResult CommentNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Comment not found",
        detail: "There is no comment with this id that you can see.");

    public static ProblemHttpResult TitleNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Title not found",
        detail: "There is no title or episode with this id that you can watch here, so there is no conversation about it for you.");

    public static ProblemHttpResult Suspended(long? untilMs) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Commenting suspended",
        detail: untilMs is { } until
            ? $"A moderator suspended commenting for this account until {DateTimeOffset.FromUnixTimeMilliseconds(until):yyyy-MM-dd HH:mm} UTC."
            : "A moderator suspended commenting for this account.");

    public static ProblemHttpResult NotYours() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your comment",
        detail: "Only its author (or a moderator) can change or delete a comment.");

    public static ProblemHttpResult Self(string what) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not yourself",
        detail: $"You cannot {what} yourself.");
}
