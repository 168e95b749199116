import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { reportDetailsLimit } from './adult';

const reasons: { value: string; label: string; hint: string }[] = [
  { value: 'spam', label: 'Spam', hint: 'Advertising, link farming, the same text again and again.' },
  { value: 'harassment', label: 'Harassment', hint: 'Attacks or threatens a person.' },
  { value: 'spoiler', label: 'Unmarked spoiler', hint: 'Gives away the story without the spoiler mark.' },
  { value: 'hateful', label: 'Hateful', hint: 'Attacks people for who they are.' },
  { value: 'other', label: 'Something else', hint: 'Tell the moderators below.' },
];

interface Props {
  commentId: string;
  /** Whose words, for the heading. */
  owner: string;
  onClose: (sent: boolean) => void;
}

/**
 * Reporting a comment or review to the moderators. A modal <dialog>: the browser keeps focus inside it and closes it
 * on Escape; the caller puts focus back where the viewer was.
 */
export function ReportDialog({ commentId, owner, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setError('Choose why you are reporting this.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/comments/${encodeURIComponent(commentId)}/report`, { reason, details: details.trim() || undefined });
      onClose(true);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onCancel={() => onClose(false)}>
      <form onSubmit={(e) => void send(e)}>
        <h2 id={`${id}-title`}>Report {owner}’s words</h2>
        <p className="hint">Moderators see your report, not the person you report.</p>
        <fieldset className="reasons">
          <legend>Why are you reporting this?</legend>
          {reasons.map((r) => (
            <label key={r.value} className="reason">
              <input type="radio" name={`${id}-reason`} value={r.value} checked={reason === r.value} onChange={() => setReason(r.value)} />
              <span>
                <span className="reason-label">{r.label}</span>
                <small className="hint">{r.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-details`}>Details (optional)</label>
          <textarea id={`${id}-details`} rows={3} maxLength={reportDetailsLimit} value={details} onChange={(e) => setDetails(e.target.value)} aria-describedby={`${id}-count`} />
          <small id={`${id}-count`} className="hint">
            {details.length} / {reportDetailsLimit}
          </small>
        </div>
        {error && <ErrorNotice message={error} />}
        <div className="row-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Send report
          </button>
          <button type="button" className="button" onClick={() => onClose(false)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
