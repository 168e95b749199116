import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, messageOf } from '../api/client';
import type { AdminTitlePage, TitleView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useLoad } from '../ui/useLoad';

const pageSize = 50;

export function TitlesAdmin() {
  const [offset, setOffset] = useState(0);
  const page = useLoad(`admin-titles/${offset}`, (signal) => api.get<AdminTitlePage>(`/api/v1/admin/titles?offset=${offset}&limit=${pageSize}`, { signal }));
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function createSeries(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.post<TitleView>('/api/v1/admin/titles', { kind: 'series', title: name });
      navigate(`/admin/titles/${encodeURIComponent(created.id)}`);
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  const data = page.data;
  return (
    <section aria-labelledby="titles-title">
      <h2 id="titles-title">Titles</h2>
      <form className="inline-form" onSubmit={createSeries}>
        <Field label="New series" value={name} onChange={(e) => setName(e.target.value)} placeholder="Series name" />
        <button className="button" type="submit" disabled={!name.trim()}>
          Create series
        </button>
      </form>
      <p className="hint">Movies are created by uploading a video.</p>
      {error && <ErrorNotice message={error} />}
      {page.error && <ErrorNotice message={page.error} onRetry={page.reload} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((title) => (
            <tr key={title.id}>
              <td>
                <Link to={`/admin/titles/${encodeURIComponent(title.id)}`}>{title.title}</Link>
              </td>
              <td>{title.kind}</td>
              <td>{title.status === 'processing' ? `processing ${Math.round(title.progress ?? 0)}%` : title.status}</td>
              <td>{title.published ? 'yes' : 'draft'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.total > pageSize && (
        <div className="row-actions">
          <button className="button" type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            Previous
          </button>
          <span>
            {offset + 1}–{Math.min(offset + pageSize, data.total)} of {data.total}
          </span>
          <button className="button" type="button" disabled={offset + pageSize >= data.total} onClick={() => setOffset(offset + pageSize)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
