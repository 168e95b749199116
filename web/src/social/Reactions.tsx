import { useState } from 'react';
import { api, messageOf } from '../api/client';
import type { Reactions as Counts, ReactionsView } from '../api/types';

// Words rather than emoji: Debian's Chromium has no colour emoji font, and words read out the same as they show.
const kinds: { kind: string; label: string }[] = [
  { kind: 'like', label: 'Like' },
  { kind: 'love', label: 'Love' },
  { kind: 'laugh', label: 'Funny' },
  { kind: 'wow', label: 'Wow' },
  { kind: 'sad', label: 'Sad' },
];

interface Props {
  commentId: string;
  reactions: Counts;
  myReaction: string | null;
  /** Whose comment, for the buttons' names ("Like Ada's comment"). */
  owner: string;
}

/** One reaction per person and comment; pressing the chosen one again takes it back. */
export function Reactions({ commentId, reactions, myReaction, owner }: Props) {
  const [state, setState] = useState<ReactionsView>({ reactions, myReaction });
  const [error, setError] = useState<string | null>(null);

  async function press(kind: string) {
    setError(null);
    const path = `/api/v1/comments/${encodeURIComponent(commentId)}/reaction`;
    try {
      setState(state.myReaction === kind ? await api.delete<ReactionsView>(path) : await api.put<ReactionsView>(path, { kind }));
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  return (
    <div className="reactions" role="group" aria-label={`Reactions to ${owner}’s words`}>
      {kinds.map(({ kind, label }) => {
        const count = state.reactions[kind] ?? 0;
        return (
          <button
            key={kind}
            type="button"
            className="chip reaction"
            aria-pressed={state.myReaction === kind}
            onClick={() => void press(kind)}
          >
            {label}
            {count > 0 && <span className="chip-count"> {count}</span>}
          </button>
        );
      })}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
