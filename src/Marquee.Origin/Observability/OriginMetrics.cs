using System.Diagnostics.Metrics;

namespace Marquee.Origin.Observability;

/// <summary>The origin's own instruments, exported with ASP.NET Core's and the runtime's at <c>/metrics</c>.</summary>
public sealed class OriginMetrics : IDisposable
{
    public const string MeterName = "Marquee.Origin";

    private readonly Meter meter;

    public OriginMetrics(IMeterFactory factory)
    {
        meter = factory.Create(MeterName);
        IngestAccepted = meter.CreateCounter<long>("marquee.ingest.accepted", "{file}", "Sources accepted into the transcoding queue.");
        IngestRefused = meter.CreateCounter<long>("marquee.ingest.refused", "{file}", "Sources refused before transcoding, by reason.");
        JobsFinished = meter.CreateCounter<long>("marquee.transcode.jobs", "{job}", "Transcoding jobs finished, by outcome.");
        TranscodeDuration = meter.CreateHistogram<double>("marquee.transcode.duration", "s", "Wall time of one ladder encode and publish.");
        JobsRunning = meter.CreateUpDownCounter<long>("marquee.transcode.running", "{job}", "Transcoding jobs running in this process.");
        MediaBytes = meter.CreateCounter<long>("marquee.origin.media.bytes", "By", "Media bytes served by the origin.");
    }

    public Counter<long> IngestAccepted { get; }

    public Counter<long> IngestRefused { get; }

    public Counter<long> JobsFinished { get; }

    public Histogram<double> TranscodeDuration { get; }

    public UpDownCounter<long> JobsRunning { get; }

    public Counter<long> MediaBytes { get; }

    public void Dispose() => meter.Dispose();
}
