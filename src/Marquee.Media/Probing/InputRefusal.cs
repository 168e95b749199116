namespace Marquee.Media.Probing;

/// <summary>
/// Why a source was refused. <see cref="Code"/> is stable for scripts; <see cref="UnsupportedType"/> maps to
/// HTTP 415 (not a video container we accept), everything else to 422 (a video we cannot or will not process).
/// </summary>
public sealed record InputRefusal(string Code, string Title, string Detail, bool UnsupportedType = false)
{
    public int HttpStatus => UnsupportedType ? 415 : 422;

    public static InputRefusal Empty() =>
        new("empty-file", "The file is empty", "The uploaded file has no content.");

    public static InputRefusal TooLarge(long bytes, long max) =>
        new("too-large", "The file is too large", $"The file is {bytes:N0} bytes; the limit is {max:N0} bytes.");

    public static InputRefusal ContainerNotAllowed(string format) =>
        new("container-not-allowed", "This kind of file is not accepted",
            $"The file is '{format}', which is not an accepted video container (accepted: MP4/MOV, Matroska/WebM, AVI, MPEG-TS, FLV). Playlists, scripts, images and text are refused.",
            UnsupportedType: true);

    public static InputRefusal Unreadable(string why) =>
        new("unreadable", "The file is not a readable video", $"ffprobe could not read the file as video: {why}.", UnsupportedType: true);

    public static InputRefusal NoVideo() =>
        new("no-video", "The file has no video", "The file contains no video stream.");

    public static InputRefusal StillImage() =>
        new("still-image", "The file is a still image", "The video stream has a single frame; upload a moving picture.");

    public static InputRefusal Limit(string code, string title, string detail) => new(code, title, detail);
}
