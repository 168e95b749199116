namespace Marquee.Origin.Playback;

/// <summary>
/// What <see cref="PlaybackStarter"/> decided: a granted <see cref="View"/>, or a refusal with its status and the
/// sentence to show (for 451, <see cref="Country"/> is where the viewer was placed).
/// </summary>
internal sealed record PlaybackOutcome(PlaybackView? View, int Status, string? Title = null, string? Detail = null, string? Country = null)
{
    public static PlaybackOutcome Granted(PlaybackView view) => new(view, 200);

    public static PlaybackOutcome Refused(int status, string title, string detail) => new(null, status, title, detail);

    public static PlaybackOutcome Unlicensed(string? country) => new(null, 451, Country: country);
}
