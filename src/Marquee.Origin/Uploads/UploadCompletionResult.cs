using Microsoft.AspNetCore.Http;
namespace Marquee.Origin.Uploads;

/// <summary>The verdict of an <see cref="IUploadCompletionHandler"/>: accepted, or refused with a problem for the client.</summary>
internal sealed class UploadCompletionResult
{
    private UploadCompletionResult(bool isAccepted, string? titleLocation, int statusCode, string? title, string? detail)
    {
        IsAccepted = isAccepted;
        TitleLocation = titleLocation;
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
    }

    public bool IsAccepted { get; }

    /// <summary>Where the resulting title lives (e.g. <c>/api/v1/titles/42</c>); sent back in the Marquee-Title header.</summary>
    public string? TitleLocation { get; }

    /// <summary>The status of a refusal (415 or 422); 0 when accepted.</summary>
    public int StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public static UploadCompletionResult Accepted(string? titleLocation = null)
    {
        // It goes into a response header as is: a CR or LF would split the response.
        if (titleLocation is not null && (titleLocation.Length == 0 || titleLocation.Any(c => c < 0x20 || c > 0x7e)))
        {
            throw new ArgumentException("A title location must be non-empty printable ASCII.", nameof(titleLocation));
        }

        return new(isAccepted: true, titleLocation, statusCode: 0, title: null, detail: null);
    }

    public static UploadCompletionResult Refused(int statusCode, string title, string detail)
    {
        // Only statuses a tus client takes as final: it retries 409 and 423, and other 4xx codes mean
        // something else in tus (a bad offset, a missing upload), which would mislead it.
        if (statusCode is not (StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status422UnprocessableEntity))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A refused upload is answered with 415 or 422.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return new(isAccepted: false, titleLocation: null, statusCode, title, detail);
    }
}
