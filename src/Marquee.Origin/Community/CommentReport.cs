namespace Marquee.Origin.Community;

/// <summary>A viewer's report of a comment: one per reporter and comment (reporting again replaces the reason).</summary>
public sealed class CommentReport
{
    public required string CommentId { get; init; }

    public required string ReporterProfileId { get; init; }

    public ReportReason Reason { get; set; }

    public string Details { get; set; } = "";

    public long CreatedAtMs { get; set; }

    /// <summary>Still waiting for a moderator; closed when the comment is removed or the reports are dismissed.</summary>
    public bool Open { get; set; } = true;
}

public enum ReportReason : byte
{
    Spam = 0,
    Harassment = 1,
    Spoiler = 2,
    Hateful = 3,
    Other = 4,
}
