using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Uploads;

/// <summary>Every problem+json answer of the upload endpoint, in one place so that each case says exactly what went wrong.</summary>
internal static class UploadProblems
{
    public static ProblemHttpResult MissingAdminKey() => Problem(
        StatusCodes.Status401Unauthorized,
        "Admin key required",
        $"Uploads are admin-only: sign in as an administrator, or send the admin key in the {UploadHeaders.AdminKey} header.");

    public static ProblemHttpResult WrongAdminKey() => Problem(
        StatusCodes.Status401Unauthorized,
        "Admin key rejected",
        $"The {UploadHeaders.AdminKey} header does not carry the configured admin key.");

    public static ProblemHttpResult UnsupportedVersion(string? sent) => Problem(
        StatusCodes.Status412PreconditionFailed,
        "Unsupported tus version",
        sent is null or ""
            ? $"Send {UploadHeaders.TusResumable}: {UploadHeaders.Version}; it is missing."
            : $"{UploadHeaders.TusResumable} '{sent}' is not supported; this server speaks tus {UploadHeaders.Version}.");

    public static ProblemHttpResult DeferredLengthNotSupported() => Problem(
        StatusCodes.Status400BadRequest,
        "Deferred length not supported",
        $"{UploadHeaders.UploadDeferLength} is not supported: send {UploadHeaders.UploadLength} when creating the upload.");

    public static ProblemHttpResult MissingLength() => Problem(
        StatusCodes.Status400BadRequest,
        "Upload-Length required",
        $"Send {UploadHeaders.UploadLength} (the total size in bytes) when creating an upload.");

    public static ProblemHttpResult InvalidLength() => Problem(
        StatusCodes.Status400BadRequest,
        "Invalid Upload-Length",
        $"{UploadHeaders.UploadLength} must be a single positive integer number of bytes.");

    public static ProblemHttpResult TooLarge(long length, long max) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Upload too large",
        $"{UploadHeaders.UploadLength} {length} exceeds the maximum of {max} bytes.");

    public static ProblemHttpResult InvalidMetadata(string detail) => Problem(
        StatusCodes.Status400BadRequest, "Invalid Upload-Metadata", detail);

    public static ProblemHttpResult NotFound(string id) => Problem(
        StatusCodes.Status404NotFound,
        "Upload not found",
        $"There is no upload '{id}': it never existed, expired, was refused or was terminated.");

    public static ProblemHttpResult Locked(string id) => Problem(
        StatusCodes.Status423Locked,
        "Upload busy",
        $"Another request is working on upload '{id}'; retry once it has finished.");

    public static ProblemHttpResult UnsupportedContentType(string? sent) => Problem(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported content type",
        $"Upload data must be sent as Content-Type {UploadHeaders.OffsetOctetStream}, not '{sent ?? "(none)"}'.");

    public static ProblemHttpResult MissingOffset() => Problem(
        StatusCodes.Status400BadRequest,
        "Upload-Offset required",
        $"Send {UploadHeaders.UploadOffset}: the offset the data starts at, as reported by HEAD.");

    public static ProblemHttpResult InvalidOffset() => Problem(
        StatusCodes.Status400BadRequest,
        "Invalid Upload-Offset",
        $"{UploadHeaders.UploadOffset} must be a single non-negative integer.");

    public static ProblemHttpResult OffsetMismatch(long sent, long current) => Problem(
        StatusCodes.Status409Conflict,
        "Offset mismatch",
        $"{UploadHeaders.UploadOffset} is {sent} but the upload holds {current} bytes; ask with HEAD and resume from there.");

    public static ProblemHttpResult AlreadyComplete(string id) => Problem(
        StatusCodes.Status409Conflict,
        "Upload already complete",
        $"Upload '{id}' is already complete; it takes no more data.");

    public static ProblemHttpResult TooMuchData(long remaining) => Problem(
        StatusCodes.Status400BadRequest,
        "More data than announced",
        $"The request carries more than the {remaining} bytes left before {UploadHeaders.UploadLength}; nothing of it was stored.");

    public static ProblemHttpResult BodyIncomplete(long offset) => Problem(
        StatusCodes.Status400BadRequest,
        "Request body incomplete",
        $"The request body ended early; the upload holds {offset} bytes, resume from there.");

    public static ProblemHttpResult DataWithoutContentType(string? sent) => Problem(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported content type",
        $"Data sent with the creation request must be Content-Type {UploadHeaders.OffsetOctetStream}, not '{sent ?? "(none)"}'.");

    public static ProblemHttpResult Refused(UploadCompletionResult result) => Problem(
        result.StatusCode, result.Title!, result.Detail!);

    public static ProblemHttpResult CompletionFailed(string id) => Problem(
        StatusCodes.Status500InternalServerError,
        "Upload could not be processed",
        $"All bytes of upload '{id}' arrived but processing them failed; the upload was discarded, please upload again.");

    public static ProblemHttpResult UnsupportedMethodOverride(string? sent) => Problem(
        StatusCodes.Status405MethodNotAllowed,
        "Method not allowed",
        $"POST on an upload is only accepted with {UploadHeaders.MethodOverride} PATCH or DELETE, not '{sent ?? "(none)"}'.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
