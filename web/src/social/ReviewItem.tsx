import { ThumbIcon } from '../browse/Thumbs';
import { formatDate } from '../ui/format';
import type { ReviewView } from '../api/types';
import { PersonLink } from './PersonLink';
import { Reactions } from './Reactions';
import { SpoilerText } from './SpoilerText';
import { StatusLabel } from './StatusLabel';
import { WordsMenu } from './WordsMenu';

const verdicts: Record<string, string> = { down: 'Not for them', up: 'Liked it', love: 'Loved it' };

/** One short review: the rating it goes with, the words, reactions, and the same menu as a comment. */
export function ReviewItem({ review, onRemove, onBlocked }: { review: ReviewView; onRemove: (id: string) => void; onBlocked: (handle: string) => void }) {
  const name = review.author.displayName || review.author.handle;
  const value = (['down', 'up', 'love'] as const).find((v) => v === review.value);
  return (
    <li className="comment review" data-review={review.id}>
      <article aria-label={`Review by ${name}`}>
        <header className="comment-head">
          <PersonLink person={review.author} />
          {value && (
            <span className="verdict">
              <ThumbIcon value={value} />
              {verdicts[value]}
            </span>
          )}
          <time dateTime={review.createdAt} className="hint">
            {formatDate(review.createdAt)}
          </time>
          <StatusLabel status={review.status} />
          <WordsMenu commentId={review.id} author={review.author} mine={review.mine} noun="review" onDeleted={() => onRemove(review.id)} onBlocked={onBlocked} />
        </header>
        <SpoilerText text={review.body} spoiler={review.spoiler} />
        {review.status === 'visible' && <Reactions commentId={review.id} reactions={review.reactions} myReaction={review.myReaction} owner={name} />}
      </article>
    </li>
  );
}
