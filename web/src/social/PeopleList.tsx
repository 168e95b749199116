import { useState } from 'react';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useLoad } from '../ui/useLoad';
import type { PeoplePage, PersonRef } from '../api/types';
import { PersonLink } from './PersonLink';

interface Props {
  title: string;
  /** The list's endpoint, e.g. /api/v1/blocks. */
  source: string;
  empty: string;
  version: number;
  /** A button on each row that undoes the relation (Unblock, Unmute, Unfollow): its label and the DELETE it sends. */
  undo?: { label: string; path: (handle: string) => string };
}

/** A short list of people: following, followers, blocked or muted. */
export function PeopleList({ title, source, empty, version, undo }: Props) {
  const list = useLoad(`${source}/${version}`, (signal) => api.get<PeoplePage>(source, { signal }));
  const [gone, setGone] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const id = `list-${source.split('/').pop()}`;

  async function undoFor(person: PersonRef) {
    if (!undo) return;
    setError(null);
    try {
      await api.delete(undo.path(person.handle));
      setGone([...gone, person.handle]);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  const items = (list.data?.items ?? []).filter((p) => !gone.includes(p.handle));
  return (
    <section className="people-list" aria-labelledby={id}>
      <h3 id={id}>
        {title} {list.data && <span className="badge">{items.length}</span>}
      </h3>
      {list.error && <ErrorNotice message={list.error} onRetry={list.reload} />}
      {error && <ErrorNotice message={error} />}
      {list.data && items.length === 0 && <p className="hint">{empty}</p>}
      {items.length > 0 && (
        <ul className="list">
          {items.map((person) => (
            <li key={person.handle} className="list-row">
              <PersonLink person={person} />
              {undo && (
                <button type="button" className="button" aria-label={`${undo.label} ${person.displayName || person.handle}`} onClick={() => void undoFor(person)}>
                  {undo.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
