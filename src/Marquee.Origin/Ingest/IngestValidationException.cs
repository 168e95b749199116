namespace Marquee.Origin.Ingest;

/// <summary>An ingest request that is wrong in itself (empty title, bad country code), before any file is looked at.</summary>
public sealed class IngestValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
