import type { BrowseRow } from '../api/types';
import { PosterCard } from './PosterCard';
import { onRowKeyDown } from './rowKeys';

export function Row({ row }: { row: BrowseRow }) {
  const headingId = `row-${row.id.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <section className="row" aria-labelledby={headingId}>
      <h2 id={headingId}>{row.title}</h2>
      <ul className="row-items" data-row={row.id} onKeyDown={onRowKeyDown}>
        {row.items.map((title, index) => (
          <li key={title.id}>
            <PosterCard title={title} index={index} />
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
