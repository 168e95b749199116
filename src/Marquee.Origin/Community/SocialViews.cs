namespace Marquee.Origin.Community;

public sealed record PersonRef(string Handle, string DisplayName);

public sealed record SocialMeView(string? Handle, string? DisplayName, string? Bio, bool TasteMatching, bool ShareActivity, int Followers, int Following);

public sealed record SocialMeRequest(string? Handle, string? DisplayName, string? Bio, bool? TasteMatching, bool? ShareActivity);

/// <param name="Activity">Recent ratings, reviews and comments, only when the person shares them.</param>
public sealed record PersonView(
    string Handle, string DisplayName, string Bio, int Followers, int Following,
    bool IsFollowing, bool IsBlocked, bool IsMuted, bool IsMe, bool SharesActivity, List<ActivityItem> Activity);

/// <param name="Kind">"rating", "review" or "comment".</param>
/// <param name="Value">The thumbs ("down", "up", "love") of a rating or review.</param>
public sealed record ActivityItem(string Kind, string TitleId, string TitleName, string? Value, string? Body, bool Spoiler, string? CommentId, DateTimeOffset At);

public sealed record PeoplePage(List<PersonRef> Items);

public sealed record FeedItem(string Kind, PersonRef Person, string TitleId, string TitleName, string? Value, string? Body, bool Spoiler, string? CommentId, DateTimeOffset At);

public sealed record FeedPage(List<FeedItem> Items, string? Next);

public sealed record SharedTitle(string Id, string Name);

/// <param name="Score">How alike the two tastes are, 0 to 1.</param>
/// <param name="Shared">Up to three titles both liked, that the viewer may see.</param>
public sealed record SimilarPerson(string Handle, string DisplayName, double Score, List<SharedTitle> Shared, bool IsFollowing);

/// <param name="OptedIn">Whether the asking profile has taste matching on; without it the list is empty.</param>
public sealed record SimilarPeoplePage(bool OptedIn, List<SimilarPerson> Items);
