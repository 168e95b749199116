import { Link } from 'react-router';
import { formatDate } from '../ui/format';
import type { ActivityItem, PersonRef } from '../api/types';
import { PersonLink } from './PersonLink';
import { SpoilerText } from './SpoilerText';

const rated: Record<string, string> = { down: 'did not like', up: 'liked', love: 'loved' };

function verb(item: ActivityItem): string {
  if (item.kind === 'comment') return 'commented on';
  if (item.kind === 'review') return `reviewed (${rated[item.value ?? ''] ?? 'rated'})`;
  return rated[item.value ?? ''] ?? 'rated';
}

/** What people rated, reviewed and said, newest first, each linking to its title. */
export function ActivityList({ items, label }: { items: (ActivityItem & { person?: PersonRef })[]; label: string }) {
  return (
    <ol className="activity" aria-label={label}>
      {items.map((item, i) => (
        <li key={`${item.commentId ?? item.titleId}-${item.at}-${i}`} className="activity-item">
          <p className="activity-line">
            {item.person && (
              <>
                <PersonLink person={item.person} />{' '}
              </>
            )}
            {verb(item)} <Link to={`/title/${encodeURIComponent(item.titleId)}`}>{item.titleName}</Link>{' '}
            <time dateTime={item.at} className="hint">
              {formatDate(item.at)}
            </time>
          </p>
          {item.body && <SpoilerText text={item.body} spoiler={item.spoiler} />}
        </li>
      ))}
    </ol>
  );
}
