using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Steering;

/// <summary>Configuration section <c>Fill</c>: what edges pre-load from their region's popularity, and when.</summary>
public sealed class FillOptions
{
    public const string Section = "Fill";

    /// <summary>UTC <c>HH:mm-HH:mm</c>, may wrap midnight; <c>00:00-24:00</c> for always, <c>00:00-00:00</c> for never.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$", ErrorMessage = "Fill:Window must look like 02:00-06:00 (UTC).")]
    public string Window { get; set; } = "02:00-06:00";

    /// <summary>Pre-fill bandwidth per edge, bytes per second.</summary>
    [Range(0, long.MaxValue)]
    public long RateBytesPerSecond { get; set; } = 5_000_000;

    /// <summary>The most-watched titles of a region that its edges pre-load.</summary>
    [Range(0, 1000)]
    public int Titles { get; set; } = 10;

    /// <summary>How far back playback starts count towards popularity.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);
}
