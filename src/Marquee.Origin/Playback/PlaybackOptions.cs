using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Playback;

/// <summary>Configuration section <c>Playback</c>: token lifetime and key rotation.</summary>
public sealed class PlaybackOptions
{
    public const string Section = "Playback";

    /// <summary>How long a playback token opens the asset's objects; a film longer than this asks for playback again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "2.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A new signing key every interval; keys stay valid for a token lifetime after they stop signing.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan KeyRotation { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Base64 master secret (at least 32 bytes) the rotating keys derive from; generated into the data directory when empty. Origins that share a database share this.</summary>
    public string? Key { get; set; }

    /// <summary>The origin's public base URL, listed last among the places a player may fetch from; the request's own when empty.</summary>
    public string? OriginUrl { get; set; }
}
