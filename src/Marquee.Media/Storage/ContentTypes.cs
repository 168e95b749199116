namespace Marquee.Media.Storage;

/// <summary>Content types of the files the pipeline writes, by extension.</summary>
public static class ContentTypes
{
    public static string ForKey(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".mpd" => "application/dash+xml",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".m4a" => "audio/mp4",
        ".vtt" => "text/vtt; charset=utf-8",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
