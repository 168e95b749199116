import { useId, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { commentLimit } from './adult';
import type { CommentView } from '../api/types';

/** Changing one's own comment in place. */
export function CommentEdit({ comment, onSaved, onCancel }: { comment: CommentView; onSaved: (c: CommentView) => void; onCancel: () => void }) {
  const id = useId();
  const [body, setBody] = useState(comment.body);
  const [spoiler, setSpoiler] = useState(comment.spoiler);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch<CommentView>(`/api/v1/comments/${encodeURIComponent(comment.id)}`, { body, spoiler }));
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form className="comment-form" onSubmit={(e) => void save(e)}>
      <div className="field">
        <label htmlFor={`${id}-body`}>Edit your comment</label>
        <textarea id={`${id}-body`} rows={3} maxLength={commentLimit} value={body} autoFocus onChange={(e) => setBody(e.target.value)} aria-describedby={`${id}-count`} />
        <small id={`${id}-count`} className="hint counter">
          {body.length} / {commentLimit}
        </small>
      </div>
      <div className="comment-form-actions">
        <label className="check">
          <input type="checkbox" checked={spoiler} onChange={(e) => setSpoiler(e.target.checked)} />
          Contains spoilers
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && <ErrorNotice message={error} />}
    </form>
  );
}
