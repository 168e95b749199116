import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import { PosterCard } from '../browse/PosterCard';
import { CopyLink } from '../share/CopyLink';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useLoad } from '../ui/useLoad';
import { useSession } from '../account/session';
import { isAdultProfile } from '../social/adult';
import type { Playlist } from './types';

/** The profile's lists: make, rename and delete them, and make one public to share its link. */
export default function ListsPage() {
  const session = useSession();
  const lists = useLoad(`playlists/${session.profile?.id ?? ''}`, (signal) => api.get<Playlist[]>('/api/v1/playlists', { signal }));
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    try {
      await api.post<Playlist>('/api/v1/playlists', { name: name.trim() });
      setName('');
      lists.reload();
    } catch (reason) {
      if (reason instanceof ApiError && Object.keys(reason.fields).length > 0) setFields(lowerKeys(reason.fields));
      else setError(messageOf(reason));
    }
  }

  return (
    <main className="page lists" id="main">
      <h1>Lists</h1>
      <p className="hint">Lists are private until you make one public: then anyone with its link can see the titles in it and your profile’s name.</p>
      <form className="inline-form panel" onSubmit={create} noValidate>
        <Field label="New list name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} errors={fields.name} />
        <button type="submit" className="button button-primary">
          Create list
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
      {lists.error && <ErrorNotice message={lists.error} onRetry={lists.reload} />}
      {lists.data && lists.data.length === 0 && <p>You have no lists yet. Make one above, or use “Add to list” on a title’s page.</p>}
      {lists.data?.map((list) => <ListPanel key={list.id} list={list} onChanged={lists.reload} mayPublish={isAdultProfile(session.profile)} />)}
    </main>
  );
}

function ListPanel({ list, onChanged, mayPublish }: { list: Playlist; onChanged: () => void; mayPublish: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(list.name);
  const [error, setError] = useState<string | null>(null);
  const headingId = `list-${list.id}`;
  const path = `/api/v1/playlists/${encodeURIComponent(list.id)}`;

  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (reason) {
      setError(messageOf(reason));
      return false;
    }
  }

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (await run(() => api.patch(path, { name: name.trim() }))) setRenaming(false);
  }

  function remove() {
    if (!window.confirm(`Delete the list “${list.name}”? The titles stay in the catalogue.`)) return;
    void run(() => api.delete(path));
  }

  return (
    <section className="panel list-panel" aria-labelledby={headingId}>
      <div className="list-head">
        <h2 id={headingId}>{list.name}</h2>
        <span className="badge">{list.public ? 'Public' : 'Private'}</span>
        <span className="hint">{list.items.length === 1 ? '1 title' : `${list.items.length} titles`}</span>
      </div>
      {renaming ? (
        <form className="inline-form" onSubmit={rename}>
          <Field label={`New name for ${list.name}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus />
          <button type="submit" className="button button-primary">
            Save
          </button>
          <button type="button" className="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="row-actions">
          <button type="button" className="button" onClick={() => setRenaming(true)} aria-label={`Rename ${list.name}`}>
            Rename
          </button>
          <button type="button" className="button button-danger" onClick={remove} aria-label={`Delete ${list.name}`}>
            Delete
          </button>
        </div>
      )}
      {/* A kids profile's lists stay private (the origin refuses to publish them). */}
      {mayPublish || list.public ? (
        <div className="switch-row">
          <input
            id={`${headingId}-public`}
            type="checkbox"
            role="switch"
            className="switch"
            checked={list.public}
            onChange={(e) => void run(() => api.patch(path, { public: e.target.checked }))}
            aria-describedby={`${headingId}-public-hint`}
          />
          <div>
            <label htmlFor={`${headingId}-public`}>
              Public<span className="visually-hidden"> ({list.name})</span>
            </label>
            <small id={`${headingId}-public-hint`} className="hint">
              {list.public ? 'Anyone with the link can see this list.' : 'Only you can see this list.'}
            </small>
          </div>
        </div>
      ) : (
        <p className="hint">Lists of a kids profile stay private.</p>
      )}
      {list.public && list.url && (
        <div className="list-link">
          <a href={list.url}>{list.url}</a>
          <CopyLink url={list.url} label={`Copy the link to ${list.name}`} className="button" />
        </div>
      )}
      {error && <ErrorNotice message={error} />}
      {list.items.length > 0 && (
        <ul className="grid">
          {list.items.map((title) => (
            <li key={title.id} className="list-item">
              <PosterCard title={title} />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove ${title.title} from ${list.name}`}
                onClick={() => void run(() => api.delete(`${path}/items/${encodeURIComponent(title.id)}`))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Validation errors are keyed by field name; the origin's casing may differ (Name, name). */
function lowerKeys(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));
}
