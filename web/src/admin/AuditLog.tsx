import { useState } from 'react';
import { api, messageOf, query } from '../api/client';
import type { AuditEntry, AuditPage } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { useLoad } from '../ui/useLoad';

/** Every moderation action, newest first: who did what to whom. */
export function AuditLog({ version }: { version: number }) {
  const first = useLoad(`audit/${version}`, (signal) => api.get<AuditPage>('/api/v1/admin/moderation/audit', { signal }));
  const [more, setMore] = useState<{ items: AuditEntry[]; next: string | null; version: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const extra = more?.version === version ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);

  async function loadMore() {
    if (!next) return;
    try {
      const page = await api.get<AuditPage>(`/api/v1/admin/moderation/audit${query({ cursor: next })}`);
      setMore({ items: [...(extra?.items ?? []), ...page.items], next: page.next, version });
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {first.error && <ErrorNotice message={first.error} onRetry={first.reload} />}
      {error && <ErrorNotice message={error} />}
      {first.data && items.length === 0 && <p className="hint">No moderation actions yet.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Moderator</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry, i) => (
                <tr key={`${entry.at}-${i}`}>
                  <td>{formatDate(entry.at)}</td>
                  <td>{entry.moderator}</td>
                  <td>{entry.action}</td>
                  <td>{entry.target}</td>
                  <td>{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button" onClick={() => void loadMore()}>
          More
        </button>
      )}
    </section>
  );
}
