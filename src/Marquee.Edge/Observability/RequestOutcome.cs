namespace Marquee.Edge.Observability;

/// <summary>How a media request was answered: the <c>outcome</c> tag of <c>marquee.edge.requests</c>.</summary>
internal enum RequestOutcome
{
    /// <summary>From memory or disk, fresh.</summary>
    Hit,

    /// <summary>This request started the upstream fetch.</summary>
    Miss,

    /// <summary>Joined a fetch another request (or a prefetch) had started.</summary>
    Coalesced,

    /// <summary>An expired copy, because the upstream failed (stale-if-error).</summary>
    Stale,

    /// <summary>Streamed from upstream without being cached: disk full, too large, or not cacheable.</summary>
    Pass,

    /// <summary>Refused before the cache: bad target, missing or invalid token.</summary>
    Refused,

    /// <summary>The upstream has no such object.</summary>
    NotFound,

    /// <summary>The upstream failed and there was no copy to fall back on (502, 504, or a broken body).</summary>
    Error,
}
