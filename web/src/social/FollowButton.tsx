import { useState } from 'react';
import { api, messageOf } from '../api/client';

interface Props {
  handle: string;
  name: string;
  following: boolean;
  onChange?: (following: boolean) => void;
}

/** Follow or unfollow a person; the button says which it will do and shows the state as pressed. */
export function FollowButton({ handle, name, following, onChange }: Props) {
  const [on, setOn] = useState(following);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const path = `/api/v1/following/${encodeURIComponent(handle)}`;
      if (on) await api.delete(path);
      else await api.put(path);
      setOn(!on);
      onChange?.(!on);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={`button${on ? '' : ' button-primary'}`} aria-pressed={on} aria-label={`${on ? 'Following' : 'Follow'} ${name}`} disabled={busy} onClick={() => void toggle()}>
        {on ? 'Following' : 'Follow'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
