namespace Marquee.Bench.Edge;

/// <summary>What one invocation of bench/edge measures.</summary>
internal enum BenchMode
{
    /// <summary>Plain HTTP/1.1 keep-alive, wrk: requests/s, CPU per GB, allocations, p99 at 64 and 1,024 connections.</summary>
    Plain,

    /// <summary>HTTPS with one self-signed certificate for both servers: HTTP/1.1 (wrk) and HTTP/2 (h2load).</summary>
    Tls,

    /// <summary>Resident memory per idle keep-alive connection.</summary>
    Idle,
}
