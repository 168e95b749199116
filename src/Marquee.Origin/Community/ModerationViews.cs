namespace Marquee.Origin.Community;

/// <param name="Kind">"comment" (replies included) or "review".</param>
public sealed record ModeratedComment(
    string Id, string TitleId, string TitleName, string Body, bool Spoiler, string Status, DateTimeOffset CreatedAt, PersonRef Author, string Kind);

/// <param name="Details">What reporters wrote, newest first (up to ten).</param>
public sealed record ReportSummary(int Count, Dictionary<string, int> Reasons, List<string> Details);

public sealed record ModerationItem(ModeratedComment Comment, string? HeldReason, ReportSummary Reports);

public sealed record ModerationQueue(List<ModerationItem> Held, List<ModerationItem> Reported);

public sealed record RemovedCount(int Removed);

public sealed record SuspensionRequest(int? Days);

/// <param name="Moderator">The moderator's e-mail address, or "policy" for what the automatic policy did.</param>
public sealed record AuditEntry(DateTimeOffset At, string Moderator, string Action, string Target, string Detail);

public sealed record AuditPage(List<AuditEntry> Items, string? Next);
