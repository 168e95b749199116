namespace Marquee.Bench.Search;

/// <summary>
/// A server under test: seconds from process start until <c>/healthz</c> answered 200 (for the origin, that
/// includes loading every title into its index), its resident memory after the run and its peak, and for the
/// origin its "Catalog loaded" log line; and the CPU time it used per measured request, in milliseconds (including
/// whatever else it did meanwhile: for the origin, its catalog sync every 2 s).
/// </summary>
internal sealed record ServerSummary(string Name, double ReadySeconds, double? RssMiB, double? PeakRssMiB, string? LoadedLine, double? CpuMsPerRequest);
