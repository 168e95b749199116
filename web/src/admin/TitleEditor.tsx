import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, messageOf } from '../api/client';
import type { TitleView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useLoad } from '../ui/useLoad';
import { EpisodesEditor } from './EpisodesEditor';
import { LicencesEditor } from './LicencesEditor';

const maturityLevels = [0, 7, 13, 16, 18];

export function TitleEditor() {
  const { id = '' } = useParams();
  const title = useLoad(`admin-title/${id}`, (signal) => api.get<TitleView>(`/api/v1/admin/titles/${encodeURIComponent(id)}`, { signal }));
  if (title.error) return <ErrorNotice message={title.error} onRetry={title.reload} />;
  if (!title.data) return <p role="status">Loading…</p>;
  return (
    <>
      <p>
        <Link to="/admin/titles">← All titles</Link>
      </p>
      <DetailsForm view={title.data} onSaved={title.setData} />
      <ShareableSwitch view={title.data} onSaved={title.setData} />
      <ArtworkForm view={title.data} onSaved={title.setData} />
      <LicencesEditor titleId={title.data.id} />
      {title.data.kind === 'series' && <EpisodesEditor view={title.data} onChanged={title.reload} />}
    </>
  );
}

function DetailsForm({ view, onSaved }: { view: TitleView; onSaved: (view: TitleView) => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    title: view.title,
    synopsis: view.synopsis,
    genres: view.genres.join(', '),
    year: view.year?.toString() ?? '',
    runtimeMinutes: view.runtimeMinutes?.toString() ?? '',
    maturityRating: view.maturityRating,
    originalLanguage: view.originalLanguage,
  });
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => setSaved(false), [form]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    try {
      const updated = await api.patch<TitleView>(`/api/v1/admin/titles/${encodeURIComponent(view.id)}`, {
        title: form.title,
        synopsis: form.synopsis,
        genres: form.genres.split(',').map((g) => g.trim()).filter(Boolean),
        year: form.year ? Number(form.year) : null,
        runtimeMinutes: form.runtimeMinutes ? Number(form.runtimeMinutes) : null,
        maturityRating: form.maturityRating,
        originalLanguage: form.originalLanguage,
      });
      onSaved(updated);
      setSaved(true);
    } catch (reason) {
      if (reason instanceof ApiError && Object.keys(reason.fields).length > 0) setFields(reason.fields);
      else setError(messageOf(reason));
    }
  }

  async function publish(published: boolean) {
    setError(null);
    try {
      await api.post(`/api/v1/admin/titles/${encodeURIComponent(view.id)}/${published ? 'publish' : 'unpublish'}`);
      onSaved({ ...view, published });
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  async function remove() {
    if (!window.confirm(`Delete “${view.title}”? Viewers will no longer see it.`)) return;
    try {
      await api.delete(`/api/v1/admin/titles/${encodeURIComponent(view.id)}`);
      navigate('/admin/titles');
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">
        {view.title} <span className="badge">{view.published ? 'Published' : 'Draft'}</span>
      </h2>
      <form onSubmit={save} noValidate>
        <Field label="Title" value={form.title} onChange={set('title')} errors={fields.title} />
        <div className="field">
          <label htmlFor="synopsis">Synopsis</label>
          <textarea id="synopsis" rows={3} value={form.synopsis} onChange={set('synopsis')} />
          {fields.synopsis && <small className="field-error">{fields.synopsis.join(' ')}</small>}
        </div>
        <Field label="Genres (comma-separated)" value={form.genres} onChange={set('genres')} errors={fields.genres} />
        <div className="field-row">
          <Field label="Year" inputMode="numeric" value={form.year} onChange={set('year')} errors={fields.year} />
          <Field label="Runtime (minutes)" inputMode="numeric" value={form.runtimeMinutes} onChange={set('runtimeMinutes')} errors={fields.runtimeMinutes} />
          <Field label="Original language" value={form.originalLanguage} onChange={set('originalLanguage')} errors={fields.originalLanguage} />
          <div className="field">
            <label htmlFor="maturity-rating">Maturity rating</label>
            <select id="maturity-rating" value={form.maturityRating} onChange={(e) => setForm({ ...form, maturityRating: Number(e.target.value) })}>
              {maturityLevels.map((level) => (
                <option key={level} value={level}>
                  {level === 0 ? 'All ages' : `${level}+`}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && <ErrorNotice message={error} />}
        {saved && <p role="status">Saved.</p>}
        <div className="row-actions">
          <button className="button button-primary" type="submit">
            Save
          </button>
          <button className="button" type="button" onClick={() => void publish(!view.published)}>
            {view.published ? 'Unpublish' : 'Publish'}
          </button>
          <button className="button button-danger" type="button" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </form>
    </section>
  );
}

function ArtworkForm({ view, onSaved }: { view: TitleView; onSaved: (view: TitleView) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function upload(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      onSaved(await api.put<TitleView>(`/api/v1/admin/titles/${encodeURIComponent(view.id)}/poster`, file));
    } catch (reason) {
      setError(messageOf(reason));
    }
  }
  return (
    <section className="panel" aria-labelledby="artwork-title">
      <h2 id="artwork-title">Artwork</h2>
      {view.poster ? <img className="artwork-preview" src={view.poster} alt={`Poster of ${view.title}`} width={320} height={180} /> : <p>No poster yet.</p>}
      <div className="field">
        <label htmlFor="poster-file">Replace the poster (JPEG, PNG or WebP)</label>
        <input id="poster-file" type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => void upload(e.target.files?.[0])} />
      </div>
      {error && <ErrorNotice message={error} />}
    </section>
  );
}

/** Operators may want no cards, oEmbed or embeds for a title (a rights holder's wish): one switch turns them off. */
function ShareableSwitch({ view, onSaved }: { view: TitleView; onSaved: (view: TitleView) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function change(value: boolean) {
    setError(null);
    try {
      onSaved(await api.patch<TitleView>(`/api/v1/admin/titles/${encodeURIComponent(view.id)}`, { shareable: value }));
    } catch (reason) {
      setError(messageOf(reason));
    }
  }
  return (
    <section className="panel" aria-labelledby="sharing-title">
      <h2 id="sharing-title">Sharing</h2>
      <div className="switch-row">
        <input id="shareable" type="checkbox" role="switch" className="switch" checked={view.shareable} onChange={(e) => void change(e.target.checked)} aria-describedby="shareable-hint" />
        <div>
          <label htmlFor="shareable">Shareable</label>
          <small id="shareable-hint" className="hint">
            Links to this title unfurl into a card and it can be embedded.
          </small>
        </div>
      </div>
      {error && <ErrorNotice message={error} />}
    </section>
  );
}
