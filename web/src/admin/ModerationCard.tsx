import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { ModerationItem } from '../api/types';
import { LinkedText } from '../social/LinkedText';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { useAction } from '../ui/useAction';

const reasonNames: Record<string, string> = { spam: 'Spam', harassment: 'Harassment', spoiler: 'Unmarked spoiler', hateful: 'Hateful', other: 'Other' };

interface Props {
  item: ModerationItem;
  /** After an action: the queue and the audit log reload. */
  onDone: (said: string) => void;
}

/** One held or reported comment with what moderators can do about it and its author. */
export function ModerationCard({ item, onDone }: Props) {
  const id = useId();
  const { comment, reports } = item;
  const [days, setDays] = useState('7');
  const action = useAction();
  const who = comment.author.displayName || comment.author.handle;
  const at = `/api/v1/admin/moderation/comments/${encodeURIComponent(comment.id)}`;
  const person = `/api/v1/admin/moderation/people/${encodeURIComponent(comment.author.handle)}`;

  const act = async (call: () => Promise<unknown>, said: string | (() => string)) => {
    if (await action.run(call)) onDone(typeof said === 'string' ? said : said());
  };

  async function removeAll() {
    if (!window.confirm(`Remove every comment and review by @${comment.author.handle}? This cannot be undone.`)) return;
    let removed = 0;
    await act(async () => {
      removed = (await api.postEmpty<{ removed: number }>(`${person}/remove-comments`)).removed;
    }, () => `Removed ${removed === 1 ? '1 comment' : `${removed} comments`} by @${comment.author.handle}.`);
  }

  async function suspend() {
    const value = days.trim() === '' ? null : Number(days);
    await act(
      () => api.put(`${person}/suspension`, { days: value }),
      value === null ? `@${comment.author.handle} cannot comment until the suspension is lifted.` : `@${comment.author.handle} cannot comment for ${value} days.`,
    );
  }

  return (
    <li className="panel moderation-card" data-moderation={comment.id}>
      <article aria-label={`${comment.kind === 'review' ? 'Review' : 'Comment'} by ${who}`}>
        <p className="moderation-meta">
          <strong>{who}</strong> <span className="person-handle">@{comment.author.handle}</span> on{' '}
          <Link to={`/title/${encodeURIComponent(comment.titleId)}`}>{comment.titleName}</Link> · {formatDate(comment.createdAt)}
          {comment.kind === 'review' && <span className="badge">review</span>}
          {comment.spoiler && <span className="badge">spoiler</span>}
          {comment.status === 'pending' && <span className="badge badge-pending">held</span>}
          {comment.status === 'removed' && <span className="badge badge-removed">removed</span>}
        </p>
        <blockquote className="moderation-body">
          <LinkedText text={comment.body} />
        </blockquote>
        {item.heldReason && <p className="state-warn held-reason">Held: {item.heldReason}</p>}
        {reports.count > 0 && (
          <div className="reports">
            <p>
              <strong>{reports.count === 1 ? '1 report' : `${reports.count} reports`}</strong>:{' '}
              {Object.entries(reports.reasons)
                .map(([reason, n]) => `${reasonNames[reason] ?? reason} ${n}`)
                .join(', ')}
            </p>
            {reports.details.length > 0 && (
              <ul className="report-details">
                {reports.details.map((detail, i) => (
                  <li key={i}>{detail}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="row-actions moderation-actions">
          {comment.status === 'pending' && (
            <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void act(() => api.postEmpty(`${at}/approve`), 'Approved: everyone sees it now.')}>
              Approve
            </button>
          )}
          <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void act(() => api.postEmpty(`${at}/remove`), 'Removed.')}>
            Remove
          </button>
          {reports.count > 0 && (
            <button type="button" className="button" disabled={action.busy} onClick={() => void act(() => api.postEmpty(`${at}/dismiss`), 'Reports dismissed; the comment stays.')}>
              Dismiss reports
            </button>
          )}
          <span className="moderation-person" role="group" aria-label={`What to do about @${comment.author.handle}`}>
            <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void removeAll()}>
              Remove all by this person
            </button>
            <label htmlFor={`${id}-days`}>Days</label>
            <input id={`${id}-days`} className="days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} aria-describedby={`${id}-days-hint`} />
            <span id={`${id}-days-hint`} className="visually-hidden">
              Empty: until lifted.
            </span>
            <button type="button" className="button" disabled={action.busy} onClick={() => void suspend()}>
              Suspend commenting
            </button>
            <button type="button" className="button-link" disabled={action.busy} onClick={() => void act(() => api.delete(`${person}/suspension`), `@${comment.author.handle} may comment again.`)}>
              Lift suspension
            </button>
          </span>
        </div>
        {action.error && <ErrorNotice message={action.error} />}
      </article>
    </li>
  );
}
