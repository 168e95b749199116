namespace Marquee.Edge.Delivery;

internal enum RangeKind
{
    /// <summary>No usable Range header: the whole object, 200.</summary>
    Full,

    /// <summary>One satisfiable range: 206 with Content-Range.</summary>
    Partial,

    /// <summary>A well-formed range that starts past the end: 416 with <c>Content-Range: bytes */length</c>.</summary>
    Unsatisfiable,
}
