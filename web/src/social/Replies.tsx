import { useState } from 'react';
import { api, messageOf, query } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { CommentPage, CommentView } from '../api/types';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';

interface Props {
  parent: CommentView;
  replying: boolean;
  onReplyDone: () => void;
  onBlocked: (handle: string) => void;
}

/** One level of replies under a comment: folded until asked for, oldest first, with the reply form. */
export function Replies({ parent, replying, onReplyDone, onBlocked }: Props) {
  const [items, setItems] = useState<CommentView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [count, setCount] = useState(parent.replyCount);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    try {
      const page = await api.get<CommentPage>(`/api/v1/comments/${encodeURIComponent(parent.id)}/replies${query({ cursor, limit: 20 })}`);
      setItems([...(cursor ? (items ?? []) : []), ...page.items]);
      setNext(page.next);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function posted(reply: CommentView) {
    setCount(count + 1);
    // Shown at once, after the ones already loaded; when the replies were folded, they open with it.
    if (items) setItems([...items, reply]);
    else void load(null);
    onReplyDone();
  }

  const replace = (changed: CommentView) => setItems((items ?? []).map((c) => (c.id === changed.id ? changed : c)));
  const remove = (id: string) => {
    setItems((items ?? []).filter((c) => c.id !== id));
    setCount(Math.max(0, count - 1));
  };
  const blocked = (handle: string) => {
    setItems((items ?? []).filter((c) => c.author.handle !== handle));
    onBlocked(handle);
  };

  return (
    <div className="replies">
      {replying && (
        <CommentForm
          titleId={parent.titleId}
          parentId={parent.id}
          label={`Reply to ${parent.author.displayName || parent.author.handle}`}
          submitLabel="Reply"
          autoFocus
          onPosted={posted}
          onCancel={onReplyDone}
        />
      )}
      {items === null && count > 0 && (
        <button type="button" className="button-link" aria-expanded={false} disabled={busy} onClick={() => void load(null)}>
          {count === 1 ? 'Show 1 reply' : `Show ${count} replies`}
        </button>
      )}
      {items !== null && (
        <>
          {items.length > 0 && (
            <ol className="comment-list reply-list" aria-label={`Replies to ${parent.author.displayName || parent.author.handle}`}>
              {items.map((reply) => (
                <CommentItem key={reply.id} comment={reply} onChange={replace} onRemove={remove} onBlocked={blocked} />
              ))}
            </ol>
          )}
          <div className="row-actions">
            {next && (
              <button type="button" className="button-link" disabled={busy} onClick={() => void load(next)}>
                More replies
              </button>
            )}
            <button type="button" className="button-link" aria-expanded={true} onClick={() => setItems(null)}>
              Hide replies
            </button>
          </div>
        </>
      )}
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
