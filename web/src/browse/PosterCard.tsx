import { Link } from 'react-router';
import type { TitleSummary } from '../api/types';
import { maturityLabel } from '../ui/format';

/** A title's poster in a row or a grid. Its box has a fixed ratio, so nothing moves when the image arrives. */
export function PosterCard({ title, index }: { title: TitleSummary; index?: number }) {
  const resume = title.resume ?? null;
  const href = resume
    ? `/watch/${encodeURIComponent(resume.playbackId)}?title=${encodeURIComponent(title.id)}`
    : `/title/${encodeURIComponent(title.id)}`;
  const watched = resume && resume.durationSeconds > 0 ? Math.min(1, resume.positionSeconds / resume.durationSeconds) : null;
  const rank = title.rank ?? null;
  const label = resume ? `Resume ${title.title}` : rank !== null ? `Number ${rank}: ${title.title}` : title.title;
  return (
    <Link to={href} className="poster-card" data-index={index} aria-label={label}>
      <span className="poster-frame">
        {rank !== null && (
          <span className="rank" aria-hidden="true">
            {rank}
          </span>
        )}
        {title.poster ? (
          <img src={title.poster} alt={`Poster of ${title.title}`} loading="lazy" decoding="async" width={320} height={180} />
        ) : (
          <span className="poster-fallback" aria-hidden="true">
            {title.title}
          </span>
        )}
        {title.access === 'free' && <span className="tag tag-free">Free</span>}
        {watched !== null && (
          <span className="watched" aria-hidden="true">
            <span style={{ width: `${Math.round(watched * 100)}%` }} />
          </span>
        )}
      </span>
      <span className="poster-title">{title.title}</span>
      <span className="poster-meta">
        {[title.year, maturityLabel(title.maturityRating), title.genres[0]].filter((part) => part !== null && part !== undefined).join(' · ')}
      </span>
    </Link>
  );
}
