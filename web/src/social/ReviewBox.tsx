import { useId, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { needsHandle, reviewLimit } from './adult';
import type { RatingView } from '../api/types';
import { NeedHandle } from './NeedHandle';
import { announceReviewSaved } from './reviewEvents';
import { StatusLabel } from './StatusLabel';

interface Props {
  titleId: string;
  /** The thumb chosen now; a review goes with a rating. */
  value: string;
  saved: RatingView | undefined;
}

/** After a thumb, a sentence or two about the title: saved with the rating, shown among the reviews. */
export function ReviewBox({ titleId, value, saved }: Props) {
  const id = useId();
  const [review, setReview] = useState<string | null>(saved?.review ?? null);
  const [status, setStatus] = useState<string | null>(saved?.reviewStatus ?? null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [spoiler, setSpoiler] = useState(saved?.reviewSpoiler ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [noHandle, setNoHandle] = useState(false);

  async function save(text: string, event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rating = await api.put<RatingView>(`/api/v1/ratings/${encodeURIComponent(titleId)}`, {
        value,
        review: text,
        reviewSpoiler: spoiler,
      });
      setReview(rating?.review ?? (text || null));
      setStatus(rating?.reviewStatus ?? null);
      setSpoiler(rating?.reviewSpoiler ?? spoiler);
      setEditing(false);
      announceReviewSaved(titleId);
    } catch (failure) {
      if (needsHandle(failure)) setNoHandle(true);
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <div className="review-box">
        {review && (
          <p className="my-review">
            <span className="hint">Your review: </span>
            {review} <StatusLabel status={status} />
          </p>
        )}
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setDraft(review ?? '');
            setEditing(true);
          }}
        >
          {review ? 'Edit your review' : 'Add a short review'}
        </button>
      </div>
    );
  }

  return (
    <form className="review-box review-form" onSubmit={(e) => void save(draft.trim(), e)}>
      <div className="field">
        <label htmlFor={`${id}-text`}>Your short review</label>
        <textarea id={`${id}-text`} rows={2} maxLength={reviewLimit} value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} aria-describedby={`${id}-count`} />
        <small id={`${id}-count`} className="hint counter">
          {draft.length} / {reviewLimit}
        </small>
      </div>
      <div className="comment-form-actions">
        <label className="check">
          <input
            type="checkbox"
            checked={spoiler}
            onChange={(e) => {
              setSpoiler(e.target.checked);
            }}
          />
          Contains spoilers
        </label>
        <button type="submit" className="button button-primary" disabled={busy || !draft.trim()}>
          Save review
        </button>
        {review && (
          <button type="button" className="button" disabled={busy} onClick={() => void save('')}>
            Remove review
          </button>
        )}
        <button type="button" className="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
      {noHandle && <NeedHandle what="write a review" />}
      {error && <ErrorNotice message={error} />}
    </form>
  );
}
