namespace Marquee.Origin.Tests.Uploads;

/// <summary>
/// One request as the server saw it: the offset it claimed to start at, how many body bytes the endpoint took
/// from it, and the offset the server answered with.
/// </summary>
internal sealed record RequestRecord(string Method, string Path, string? UploadOffset, long BodyBytes, int StatusCode, string? ResponseOffset);
