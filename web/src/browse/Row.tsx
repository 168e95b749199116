import { useState } from 'react';
import { api, messageOf } from '../api/client';
import type { BrowseRow } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { PosterCard } from './PosterCard';
import { onRowKeyDown } from './rowKeys';
import { ThumbIcon } from './Thumbs';

/** Rows of suggestions, where a viewer can say a title is not for them: it leaves the row and steers what comes next. */
function isSuggestion(id: string): boolean {
  return id === 'for-you' || id.startsWith('because:') || id === 'similar';
}

export function Row({ row }: { row: BrowseRow }) {
  const headingId = `row-${row.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const items = row.items.filter((t) => !dismissed.includes(t.id));
  const numbered = row.id === 'top-10';

  async function notForMe(id: string) {
    setError(null);
    setDismissed((list) => [...list, id]);
    try {
      await api.put(`/api/v1/ratings/${encodeURIComponent(id)}`, { value: 'down' });
    } catch (reason) {
      setDismissed((list) => list.filter((d) => d !== id));
      setError(messageOf(reason));
    }
  }

  if (items.length === 0) return null;
  return (
    <section className={`row${numbered ? ' row-top10' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{row.title}</h2>
      {error && <ErrorNotice message={error} />}
      <ul className="row-items" data-row={row.id} onKeyDown={onRowKeyDown}>
        {items.map((title, index) => (
          <li key={title.id} className={isSuggestion(row.id) ? 'suggestion' : undefined}>
            <PosterCard title={title} index={index} />
            {isSuggestion(row.id) && (
              <button type="button" className="not-for-me" onClick={() => void notForMe(title.id)} aria-label={`Not for me: ${title.title}`} title="Not for me">
                <ThumbIcon value="down" />
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Placeholder rows of the real rows' size while they load, so the page does not jump when they arrive. */
export function RowSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div aria-hidden="true">
      {Array.from({ length: count }, (_, row) => (
        <section className="row" key={row}>
          <h2 className="skeleton skeleton-text">&nbsp;</h2>
          <ul className="row-items">
            {Array.from({ length: 6 }, (_, card) => (
              <li key={card}>
                <span className="poster-card">
                  <span className="poster-frame skeleton" />
                  <span className="poster-title skeleton skeleton-text">&nbsp;</span>
                  <span className="poster-meta">&nbsp;</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
