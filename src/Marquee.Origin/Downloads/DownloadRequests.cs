namespace Marquee.Origin.Downloads;

/// <summary><c>POST /api/v1/downloads</c>: a movie (<see cref="TitleId"/>) or an episode, for this device, at a height.</summary>
public sealed record DownloadRequest(string? TitleId, string? EpisodeId, string? DeviceId, string? DeviceName, int? Height)
{
    /// <summary>The app's stable id for itself: 8 to 64 of <c>A–Z a–z 0–9 - _</c>.</summary>
    public static bool IsDeviceId(string? id) =>
        id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A sentence saying what is wrong, or null when the request can be tried.</summary>
    public string? Problem()
    {
        if ((TitleId is null) == (EpisodeId is null))
        {
            return "Send either titleId (a movie) or episodeId (an episode), not both.";
        }

        if (!IsDeviceId(DeviceId))
        {
            return "deviceId must be 8 to 64 letters, digits, '-' or '_': the app's own id, made once and kept.";
        }

        if (DeviceName is { Length: > 60 })
        {
            return "deviceName is at most 60 characters.";
        }

        return Height is < 144 or > 4320 ? "height must be between 144 and 4320 pixels." : null;
    }
}

/// <summary><c>POST /api/v1/downloads/{id}/played</c>: when the first play happened (the app may have been offline).</summary>
public sealed record PlayedRequest(DateTimeOffset? At);
