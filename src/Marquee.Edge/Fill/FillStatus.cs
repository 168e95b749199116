namespace Marquee.Edge.Fill;

/// <summary>How the upstream answered a fill, as far as a client of this edge is concerned.</summary>
internal enum FillStatus
{
    Ok,

    /// <summary>404 upstream: the object does not exist.</summary>
    NotFound,

    /// <summary>Refused connection, 5xx, an unexpected status or a broken response: 502.</summary>
    BadGateway,

    /// <summary>No connection or no response headers in time: 504.</summary>
    GatewayTimeout,
}
