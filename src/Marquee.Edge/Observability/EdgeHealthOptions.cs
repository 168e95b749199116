namespace Marquee.Edge.Observability;

/// <summary>
/// When an edge calls itself degraded (<see cref="EdgeHealth"/>): the window it looks back over and the thresholds
/// its evidence is held against. Part of <see cref="Hosting.EdgeOptions"/>, validated with it.
/// </summary>
public sealed class EdgeHealthOptions
{
    /// <summary>How far back the evidence reaches; a problem that stops shows for at most this long.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Upstream fetches (for the failure and latency rules) or answered requests (for the error rule) the window
    /// must hold before a rate counts: two failures of the only two fetches in half a minute say little.
    /// </summary>
    public int MinimumSamples { get; set; } = 10;

    /// <summary>Degraded when at least this share of the window's upstream fetches failed (refused, 5xx, timeout, broken off).</summary>
    public double UpstreamFailureRatio { get; set; } = 0.25;

    /// <summary>Degraded when the median time from sending a fetch to the upstream's response head is above this.</summary>
    public TimeSpan UpstreamLatency { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Degraded when at least this share of the window's media requests were answered with a 5xx (or broken off).</summary>
    public double ErrorRatio { get; set; } = 0.1;
}
