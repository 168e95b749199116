using System.Text.RegularExpressions;
using Marquee.Media.Probing;

namespace Marquee.Media.Subtitles;

/// <summary>
/// Turns a sidecar SubRip or WebVTT file into clean WebVTT. ffmpeg parses it (only the srt and webvtt demuxers,
/// only local files), so styling tags and broken timing are normalised and anything else is refused.
/// </summary>
public sealed partial class SubtitleConverter(FfmpegOptions options)
{
    public static bool IsValidLanguage(string language) => LanguageTag().IsMatch(language);

    public async Task ConvertAsync(SubtitleSource source, string vttFile, CancellationToken cancellationToken)
    {
        if (!IsValidLanguage(source.Language))
        {
            throw new InputRefusedException(InputRefusal.Limit("subtitle-language", "The subtitle language is not valid",
                "Subtitle languages are BCP 47 tags such as 'en' or 'pt-BR'."));
        }

        var result = await ToolProcess.RunAsync(options.FfmpegPath,
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
            "-protocol_whitelist", "file", "-format_whitelist", "srt,webvtt",
            "-i", "file:" + System.IO.Path.GetFullPath(source.Path),
            "-map", "0:s:0", "-c:s", "webvtt", "-f", "webvtt", "file:" + vttFile,
        ], null, options.StallTimeout, cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(vttFile) || new FileInfo(vttFile).Length == 0)
        {
            throw new InputRefusedException(new InputRefusal("subtitle-unreadable", "The subtitle file is not readable",
                "The subtitle file is not valid SubRip (.srt) or WebVTT (.vtt).", UnsupportedType: true));
        }
    }

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex LanguageTag();
}
