namespace Marquee.Edge.FastPath;

/// <summary>Who answers a request head the fast path has read.</summary>
internal enum HeadVerdict
{
    /// <summary>A GET or HEAD of a media object in the shape the fast path reads: answered here if it is a cached hit.</summary>
    Serve,

    /// <summary>Kestrel answers this request; the connection comes back to the fast path after it.</summary>
    HandOff,

    /// <summary>Kestrel takes the connection for good: a request body, an upgrade, HTTP/1.0, HTTP/2, TLS, not HTTP.</summary>
    TakeOver,
}
