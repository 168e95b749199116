import { useEffect, useState } from 'react';
import { api, messageOf, query } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { ReviewPage, ReviewView } from '../api/types';
import { reviewSaved } from './reviewEvents';
import { ReviewItem } from './ReviewItem';

/** Short reviews of a title, newest first; written with the thumbs at the top of the page. */
export function Reviews({ titleId }: { titleId: string }) {
  const [items, setItems] = useState<ReviewView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api.get<ReviewPage>(`/api/v1/titles/${encodeURIComponent(titleId)}/reviews`, { signal: controller.signal }).then(
      (page) => {
        setItems(page.items);
        setNext(page.next);
        setLoaded(true);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(messageOf(failure));
      },
    );
    // The viewer's own review, written above, shows here as soon as it is saved.
    const saved = (event: Event) => {
      if ((event as CustomEvent<string>).detail === titleId) setAttempt((n) => n + 1);
    };
    window.addEventListener(reviewSaved, saved);
    return () => {
      controller.abort();
      window.removeEventListener(reviewSaved, saved);
    };
  }, [titleId, attempt]);

  async function more() {
    if (!next) return;
    try {
      const page = await api.get<ReviewPage>(`/api/v1/titles/${encodeURIComponent(titleId)}/reviews${query({ cursor: next })}`);
      setItems([...items, ...page.items]);
      setNext(page.next);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h3 id="reviews-title">Reviews</h3>
      {error && <ErrorNotice message={error} onRetry={() => setAttempt(attempt + 1)} />}
      {loaded && items.length === 0 && <p className="hint">No reviews yet. Rate it above and add a sentence or two.</p>}
      {items.length > 0 && (
        <ol className="comment-list" aria-label="Reviews">
          {items.map((review) => (
            <ReviewItem
              key={review.id}
              review={review}
              onRemove={(id) => setItems(items.filter((r) => r.id !== id))}
              onBlocked={(handle) => setItems(items.filter((r) => r.author.handle !== handle))}
            />
          ))}
        </ol>
      )}
      {next && (
        <button type="button" className="button" onClick={() => void more()}>
          More reviews
        </button>
      )}
    </section>
  );
}
