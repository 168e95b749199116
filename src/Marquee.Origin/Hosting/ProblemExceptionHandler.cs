using Marquee.Media.Probing;
using Marquee.Origin.Ingest;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Marquee.Origin.Hosting;

/// <summary>
/// The one mapping from exceptions to problem+json: refusals and validation errors become 4xx with their own
/// message; anything else falls through to the generic 500 without details.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code) = exception switch
        {
            InputRefusedException e => (e.Reason.HttpStatus, e.Reason.Title, e.Reason.Detail, e.Reason.Code),
            IngestValidationException e => (StatusCodes.Status400BadRequest, "The request is not valid", e.Message, e.Field),
            BadHttpRequestException e => (e.StatusCode, "The request is not valid", e.Message, "bad-request"),
            Accounts.ProfileSelectionRequiredException e => (StatusCodes.Status403Forbidden, "Choose a profile", e.Message, Accounts.ProfileSelectionRequiredException.Code),
            _ => (0, "", "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}
