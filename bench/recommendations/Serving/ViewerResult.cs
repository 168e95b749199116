using Marquee.Bench.Search.Measuring;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>One viewer's measured browse: latencies, the origin's CPU per request while answering it, and the rows it got.</summary>
internal sealed record ViewerResult(string Name, string Description, LatencyStats Latency, double? CpuMsPerRequest, int ResponseBytes, string Rows, bool HasPersonalRows);
