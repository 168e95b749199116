import { useState } from 'react';
import { api, messageOf } from '../api/client';
import type { RatingView } from '../api/types';
import { ReviewBox } from '../social/ReviewBox';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';

type Value = 'down' | 'up' | 'love';

const choices: { value: Value; label: string }[] = [
  { value: 'down', label: 'Not for me' },
  { value: 'up', label: 'I like this' },
  { value: 'love', label: 'Love this!' },
];

/** A raised thumb: the palm's edge on the left, the hand, the thumb up. Drawn here so no emoji font is needed. */
const thumb = 'M2 10h4v11H2zM8 21h9.2a2 2 0 0 0 1.96-1.6l1.6-8A2 2 0 0 0 18.8 9H14l.9-4.3A1.5 1.5 0 0 0 13.4 3L8 9.5z';

/** Thumbs up; turned over for down; two of them, one behind the other, for love. */
export function ThumbIcon({ value }: { value: Value }) {
  return (
    <svg className="thumb-icon" viewBox={value === 'love' ? '0 0 30 24' : '0 0 24 24'} width={value === 'love' ? 25 : 20} height={20} aria-hidden="true" focusable="false">
      {value === 'love' ? (
        <>
          <path d={thumb} fill="currentColor" opacity="0.55" transform="translate(6 0)" />
          <path d={thumb} fill="currentColor" transform="translate(0 1)" />
        </>
      ) : (
        <path d={thumb} fill="currentColor" transform={value === 'down' ? 'rotate(180 12 12)' : undefined} />
      )}
    </svg>
  );
}

/**
 * Thumbs down, up and love for a title (an episode's id rates its series). Pressing the chosen one again clears it.
 * The choice shows at once and is undone if the server refuses it. With `withReview` (the title page, adult profiles),
 * a rated title offers a short review under the thumbs.
 */
export function Thumbs({ titleId, titleName, withReview = false }: { titleId: string; titleName: string; withReview?: boolean }) {
  const saved = useLoad(`rating/${titleId}`, (signal) => api.get<RatingView>(`/api/v1/ratings/${encodeURIComponent(titleId)}`, { signal }));
  const [chosen, setChosen] = useState<Value | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const current = chosen === undefined ? ((saved.data?.value as Value | null | undefined) ?? null) : chosen;

  async function choose(value: Value) {
    const next = current === value ? null : value;
    const before = current;
    setChosen(next);
    setError(null);
    try {
      if (next === null) await api.delete(`/api/v1/ratings/${encodeURIComponent(titleId)}`);
      else await api.put(`/api/v1/ratings/${encodeURIComponent(titleId)}`, { value: next });
    } catch (reason) {
      setChosen(before);
      setError(messageOf(reason));
    }
  }

  return (
    <>
      <div className="thumbs" role="group" aria-label={`Rate ${titleName}`}>
        {choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            className="button thumb"
            aria-pressed={current === choice.value}
            title={choice.label}
            onClick={() => void choose(choice.value)}
          >
            <ThumbIcon value={choice.value} />
            <span className="visually-hidden">{choice.label}</span>
          </button>
        ))}
        {error && <ErrorNotice message={error} />}
      </div>
      {withReview && current && saved.data && <ReviewBox titleId={titleId} value={current} saved={saved.data} />}
    </>
  );
}
