namespace Marquee.Origin.Ingest;

public enum IngestTargetKind
{
    /// <summary>The media of an existing movie (replacing what it had).</summary>
    Title,

    /// <summary>The media of an existing episode.</summary>
    Episode,

    /// <summary>The trailer of an existing movie or series.</summary>
    Trailer,
}
