import { useEffect, useState } from 'react';
import { api, ApiError, messageOf, query } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { CommentPage, CommentView } from '../api/types';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';

type Sort = 'newest' | 'top';

interface Props {
  titleId: string;
  /** Called with 403 or 404: kids profile, or a title this viewer may not watch; the caller then shows nothing. */
  onRefused: () => void;
}

/** The comments on one title or episode: the form, newest or top first, 20 at a time. */
export function Comments({ titleId, onRefused }: Props) {
  const [sort, setSort] = useState<Sort>('newest');
  const [items, setItems] = useState<CommentView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoaded(false);
    setError(null);
    api
      .get<CommentPage>(`/api/v1/titles/${encodeURIComponent(titleId)}/comments${query({ sort, limit: 20 })}`, { signal: controller.signal })
      .then(
        (page) => {
          setItems(page.items);
          setNext(page.next);
          setLoaded(true);
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          if (failure instanceof ApiError && (failure.status === 403 || failure.status === 404)) onRefused();
          else setError(messageOf(failure));
        },
      );
    return () => controller.abort();
  }, [titleId, sort, attempt, onRefused]);

  async function more() {
    if (!next) return;
    setBusy(true);
    try {
      const page = await api.get<CommentPage>(`/api/v1/titles/${encodeURIComponent(titleId)}/comments${query({ sort, limit: 20, cursor: next })}`);
      // A comment posted meanwhile can come round again on the next page; keep the first copy.
      const seen = new Set(items.map((c) => c.id));
      setItems([...items, ...page.items.filter((c) => !seen.has(c.id))]);
      setNext(page.next);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const replace = (changed: CommentView) => setItems(items.map((c) => (c.id === changed.id ? changed : c)));
  const remove = (id: string) => setItems(items.filter((c) => c.id !== id));
  const blocked = (handle: string) => setItems(items.filter((c) => c.author.handle !== handle));

  return (
    <section className="comments" aria-labelledby="comments-title">
      <div className="comments-head">
        <h3 id="comments-title">Comments</h3>
        <div className="sort" role="group" aria-label="Order of comments">
          {(['newest', 'top'] as const).map((s) => (
            <button key={s} type="button" className="chip" aria-pressed={sort === s} onClick={() => setSort(s)}>
              {s === 'newest' ? 'Newest' : 'Top'}
            </button>
          ))}
        </div>
      </div>
      <CommentForm titleId={titleId} label="Add a comment" submitLabel="Post" onPosted={(c) => setItems([c, ...items])} />
      {error && <ErrorNotice message={error} onRetry={() => setAttempt(attempt + 1)} />}
      {!loaded && !error && <p role="status">Loading comments…</p>}
      {loaded && items.length === 0 && <p className="hint">No comments yet. Say what you thought.</p>}
      {items.length > 0 && (
        <ol className="comment-list" aria-label="Comments">
          {items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} onChange={replace} onRemove={remove} onBlocked={blocked} />
          ))}
        </ol>
      )}
      {next && (
        <button type="button" className="button" disabled={busy} onClick={() => void more()}>
          More comments
        </button>
      )}
    </section>
  );
}
