import { useState, type FormEvent } from 'react';
import { Upload } from 'tus-js-client';
import { api, messageOf } from '../api/client';
import type { EpisodeView, SeasonView, TitleView } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { percent } from '../ui/format';

/** Seasons and episodes of a series: add and rename them, and upload each episode's video. */
export function EpisodesEditor({ view, onChanged }: { view: TitleView; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);

  async function addSeason() {
    setError(null);
    try {
      const number = Math.max(0, ...view.seasons.map((s) => s.number)) + 1;
      await api.post(`/api/v1/admin/titles/${encodeURIComponent(view.id)}/seasons`, { number, name: `Season ${number}` });
      onChanged();
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  return (
    <section className="panel" aria-labelledby="seasons-title">
      <h2 id="seasons-title">Seasons and episodes</h2>
      {view.seasons.map((season) => (
        <SeasonEditor key={season.id} season={season} onChanged={onChanged} />
      ))}
      {error && <ErrorNotice message={error} />}
      <button type="button" className="button" onClick={() => void addSeason()}>
        Add a season
      </button>
    </section>
  );
}

function SeasonEditor({ season, onChanged }: { season: SeasonView; onChanged: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function addEpisode(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const number = Math.max(0, ...season.episodes.map((e) => e.number)) + 1;
      await api.post(`/api/v1/admin/seasons/${encodeURIComponent(season.id)}/episodes`, { number, name });
      setName('');
      onChanged();
    } catch (reason) {
      setError(messageOf(reason));
    }
  }

  return (
    <div className="season">
      <h3>{season.name || `Season ${season.number}`}</h3>
      <ol className="list">
        {season.episodes.map((episode) => (
          <EpisodeRow key={episode.id} episode={episode} onChanged={onChanged} />
        ))}
      </ol>
      <form className="inline-form" onSubmit={addEpisode}>
        <label htmlFor={`episode-${season.id}`} className="visually-hidden">
          New episode name
        </label>
        <input id={`episode-${season.id}`} value={name} placeholder="New episode name" onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button" disabled={!name.trim()}>
          Add episode
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}

function EpisodeRow({ episode, onChanged }: { episode: EpisodeView; onChanged: () => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file) return;
    setError(null);
    const headers = await api.antiforgeryHeader();
    const task = new Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: 16 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000],
      headers,
      metadata: { filename: file.name, title: episode.name, 'attach-to': `episode:${episode.id}` },
      onProgress: (sent, total) => setProgress(total ? sent / total : 0),
      onError: () => setError('The upload stopped. Choose the file again to resume where it stopped.'),
      onSuccess: () => {
        setProgress(null);
        onChanged();
      },
    });
    const previous = await task.findPreviousUploads();
    if (previous[0]) task.resumeFromPreviousUpload(previous[0]);
    task.start();
  }

  const media = episode.media;
  return (
    <li className="list-row">
      <span>
        <strong>
          {episode.number}. {episode.name}
        </strong>{' '}
        <small>{media.status === 'processing' ? `transcoding ${Math.round(media.progress ?? 0)}%` : media.status}</small>
      </span>
      <span>
        {progress !== null && <progress max={1} value={progress} aria-label={`Upload of ${episode.name}`}>{percent(progress)}</progress>}
        <label className="button">
          Upload video
          <input className="visually-hidden" type="file" accept="video/*" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
      </span>
      {error && <ErrorNotice message={error} />}
    </li>
  );
}
