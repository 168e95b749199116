import { useId, useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { commentLimit, needsHandle } from './adult';
import type { CommentView } from '../api/types';
import { NeedHandle } from './NeedHandle';

interface Props {
  titleId: string;
  parentId?: string;
  label: string;
  submitLabel: string;
  onPosted: (comment: CommentView) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** Writing a comment or a reply: plain text up to 2,000 characters, optionally marked as a spoiler. */
export function CommentForm({ titleId, parentId, label, submitLabel, onPosted, onCancel, autoFocus }: Props) {
  const id = useId();
  const [body, setBody] = useState('');
  const [spoiler, setSpoiler] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [noHandle, setNoHandle] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  async function post(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError('Write something first.');
      box.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const comment = await api.post<CommentView>(`/api/v1/titles/${encodeURIComponent(titleId)}/comments`, { body, spoiler, parentId });
      setBody('');
      setSpoiler(false);
      onPosted(comment);
    } catch (failure) {
      if (needsHandle(failure)) setNoHandle(true);
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const left = commentLimit - body.length;
  return (
    <form className="comment-form" onSubmit={(e) => void post(e)}>
      <div className="field">
        <label htmlFor={`${id}-body`}>{label}</label>
        <textarea
          id={`${id}-body`}
          ref={box}
          rows={parentId ? 2 : 3}
          maxLength={commentLimit}
          value={body}
          autoFocus={autoFocus}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={`${id}-count`}
        />
        <small id={`${id}-count`} className={`hint counter${left < 100 ? ' counter-low' : ''}`}>
          {body.length} / {commentLimit}
        </small>
      </div>
      <div className="comment-form-actions">
        <label className="check">
          <input type="checkbox" checked={spoiler} onChange={(e) => setSpoiler(e.target.checked)} />
          Contains spoilers
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {noHandle && <NeedHandle what="comment" />}
      {error && <ErrorNotice message={error} />}
    </form>
  );
}
