// The community API's shapes, written from the contract (/api/v1/social, people, comments, feed, moderation) until
// the origin's OpenAPI document has them; then api/types.ts takes them from Schemas and this file goes.
export type Reactions = Record<string, number>;

export interface PersonRef {
  handle: string;
  displayName: string;
}

export interface SocialMeView {
  handle: string | null;
  displayName: string | null;
  bio: string | null;
  tasteMatching: boolean;
  shareActivity: boolean;
  followers: number;
  following: number;
}

export interface ActivityItem {
  kind: string;
  titleId: string;
  titleName: string;
  value: string | null;
  body: string | null;
  spoiler: boolean;
  commentId: string | null;
  at: string;
}

export interface PersonView {
  handle: string;
  displayName: string;
  bio: string | null;
  followers: number;
  following: number;
  isFollowing: boolean;
  isBlocked: boolean;
  isMuted: boolean;
  isMe: boolean;
  sharesActivity: boolean;
  activity: ActivityItem[];
}

export interface SharedTitle {
  id: string;
  name: string;
}

export interface SimilarPerson {
  handle: string;
  displayName: string;
  score: number;
  shared: SharedTitle[];
  isFollowing: boolean;
}

export interface SimilarPeoplePage {
  optedIn: boolean;
  items: SimilarPerson[];
}

export interface PeoplePage {
  items: PersonRef[];
}

export interface FeedItem extends ActivityItem {
  person: PersonRef;
}

export interface FeedPage {
  items: FeedItem[];
  next: string | null;
}

export interface CommentView {
  id: string;
  titleId: string;
  parentId: string | null;
  author: PersonRef;
  body: string;
  spoiler: boolean;
  status: string;
  createdAt: string;
  editedAt: string | null;
  replyCount: number;
  reactions: Reactions;
  myReaction: string | null;
  mine: boolean;
}

export interface CommentPage {
  items: CommentView[];
  next: string | null;
}

export interface ReactionsView {
  reactions: Reactions;
  myReaction: string | null;
}

export interface ReviewView {
  id: string;
  author: PersonRef;
  value: string;
  body: string;
  spoiler: boolean;
  status: string;
  createdAt: string;
  mine: boolean;
  reactions: Reactions;
  myReaction: string | null;
}

export interface ReviewPage {
  items: ReviewView[];
  next: string | null;
}

export interface ModerationComment {
  id: string;
  titleId: string;
  titleName: string;
  body: string;
  spoiler: boolean;
  status: string;
  createdAt: string;
  author: PersonRef;
  kind: string;
}

export interface ModerationReports {
  count: number;
  reasons: Record<string, number>;
  details: string[];
}

export interface ModerationItem {
  comment: ModerationComment;
  heldReason: string | null;
  reports: ModerationReports;
}

export interface ModerationQueue {
  held: ModerationItem[];
  reported: ModerationItem[];
}

export interface AuditEntry {
  at: string;
  moderator: string;
  action: string;
  target: string;
  detail: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  next: string | null;
}

/** The rating as the origin keeps it, with the short review the community work adds. */
export interface RatingWithReview {
  titleId: string;
  value: string | null;
  ratedAt: string | null;
  review?: string | null;
  reviewStatus?: string | null;
  reviewSpoiler?: boolean;
}
