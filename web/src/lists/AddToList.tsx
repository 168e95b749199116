import { useId, useState, type FormEvent } from 'react';
import { usePopover } from '../ui/usePopover';
import { Link } from 'react-router';
import { api, messageOf } from '../api/client';
import { useSession } from '../account/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import type { Playlist } from './types';

/** "Add to list" on a title page: a panel with a checkbox per list of the profile, and a new list made with the title in it. */
export function AddToList({ titleId, titleName }: { titleId: string; titleName: string }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const { button, panel, onKeyDown } = usePopover(open, () => setOpen(false), 'input, button');
  const lists = useLoad(open ? `playlists/${session.profile?.id ?? ''}` : null, (signal) => api.get<Playlist[]>('/api/v1/playlists', { signal }));

  async function change(work: () => Promise<unknown>) {
    setError(null);
    setBusy(true);
    try {
      await work();
      lists.reload();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  }

  const item = (list: Playlist) => `/api/v1/playlists/${encodeURIComponent(list.id)}/items/${encodeURIComponent(titleId)}`;
  const toggle = (list: Playlist, add: boolean) => change(() => (add ? api.put(item(list)) : api.delete(item(list))));

  function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    void change(async () => {
      const list = await api.post<Playlist>('/api/v1/playlists', { name: name.trim() });
      await api.put(item(list));
      setName('');
    });
  }

  return (
    <div className="share" onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="button" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen(!open)}>
        + Add to list
      </button>
      {open && (
        <div ref={panel} id={id} className="share-panel" role="dialog" aria-label={`Add ${titleName} to a list`}>
          {lists.error && <ErrorNotice message={lists.error} onRetry={lists.reload} />}
          {lists.data && lists.data.length > 0 && (
            <fieldset className="list-choices" disabled={busy}>
              <legend>Your lists</legend>
              {lists.data.map((list) => (
                <label className="check" key={list.id}>
                  <input type="checkbox" checked={list.items.some((t) => t.id === titleId)} onChange={(e) => void toggle(list, e.target.checked)} />
                  {list.name}
                </label>
              ))}
            </fieldset>
          )}
          <form className="inline-form" onSubmit={create}>
            <div className="field">
              <label htmlFor={`${id}-name`}>New list</label>
              <input id={`${id}-name`} type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="Friday films" />
            </div>
            <button type="submit" className="button" disabled={busy || !name.trim()}>
              Create with this title
            </button>
          </form>
          {error && <ErrorNotice message={error} />}
          <p className="hint">
            <Link to="/lists">Manage your lists</Link>
          </p>
        </div>
      )}
    </div>
  );
}
