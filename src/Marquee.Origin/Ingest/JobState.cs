namespace Marquee.Origin.Ingest;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
