import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../api/client';
import { ActionsMenu, type MenuChoice } from './ActionsMenu';
import type { PersonRef } from '../api/types';
import { ReportDialog } from './ReportDialog';

interface Props {
  commentId: string;
  author: PersonRef;
  mine: boolean;
  /** "comment" or "review", for the menu's name and the questions it asks. */
  noun: string;
  onEdit?: () => void;
  onDeleted: () => void;
  onBlocked: (handle: string) => void;
}

/**
 * The menu on every comment and review: Report and Block for other people's words, Edit and Delete for one's own.
 * What happened is said in a status line beside it.
 */
export function WordsMenu({ commentId, author, mine, noun, onEdit, onDeleted, onBlocked }: Props) {
  const [reporting, setReporting] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const name = author.displayName || author.handle;
  const wasReporting = useRef(false);

  // Back to the ⋯ button once the dialog is gone: after its own close, which would put focus on the menu item it
  // remembers (no longer in the page) and so on the page's body.
  useEffect(() => {
    if (wasReporting.current && !reporting) button.current?.focus();
    wasReporting.current = reporting;
  }, [reporting]);

  async function block() {
    if (!window.confirm(`Block ${name}? You will no longer see each other’s comments, and neither of you can follow the other.`)) return;
    try {
      await api.put(`/api/v1/blocks/${encodeURIComponent(author.handle)}`);
      onBlocked(author.handle);
    } catch (failure) {
      setSaid(messageOf(failure));
    }
  }

  async function remove() {
    if (!window.confirm(`Delete your ${noun}? This cannot be undone.`)) return;
    try {
      await api.delete(`/api/v1/comments/${encodeURIComponent(commentId)}`);
      onDeleted();
    } catch (failure) {
      setSaid(messageOf(failure));
    }
  }

  const choices: MenuChoice[] = mine
    ? [...(onEdit ? [{ label: 'Edit', onSelect: onEdit }] : []), { label: 'Delete', onSelect: () => void remove(), danger: true }]
    : [
        { label: 'Report', onSelect: () => setReporting(true) },
        { label: `Block ${name}`, onSelect: () => void block(), danger: true },
      ];

  return (
    <>
      <ActionsMenu label={`More for ${mine ? `your ${noun}` : `${name}’s ${noun}`}`} choices={choices} buttonRef={button} />
      {reporting && (
        <ReportDialog
          commentId={commentId}
          owner={name}
          onClose={(sent) => {
            setReporting(false);
            if (sent) setSaid('Thank you. The moderators will look at it.');
          }}
        />
      )}
      <span className="words-status" role="status">
        {said}
      </span>
    </>
  );
}
