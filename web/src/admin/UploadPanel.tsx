import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Upload } from 'tus-js-client';
import { api, messageOf } from '../api/client';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { formatBytes, percent } from '../ui/format';
import { useTitleStatus } from './useTitleStatus';

interface Sent {
  bytes: number;
  total: number;
}

/**
 * Uploads a video with tus: in chunks, resuming where a previous attempt of the same file stopped (even after a
 * reload), then follows the transcode until the title is playable.
 */
export function UploadPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [free, setFree] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [titleId, setTitleId] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const upload = useRef<Upload | null>(null);
  const status = useTitleStatus(titleId);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setTitleId(null);
    setSent({ bytes: 0, total: file.size });
    const headers = await api.antiforgeryHeader();
    const metadata: Record<string, string> = { filename: file.name, filetype: file.type, title: name.trim() || file.name };
    if (free) metadata.free = 'true';
    const created = new Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: 16 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata,
      headers,
      removeFingerprintOnSuccess: true,
      onProgress: (bytes, total) => setSent({ bytes, total }),
      onAfterResponse: (_request, response) => {
        const location = response.getHeader('Marquee-Title');
        const match = location ? /\/api\/v1\/titles\/([^/?]+)/.exec(location) : null;
        if (match?.[1]) setTitleId(decodeURIComponent(match[1]));
      },
      onError: (reason) => {
        const text = reason.message.match(/response text: (.*?)(, request id|$)/)?.[1];
        let detail: string | null = null;
        try {
          detail = text ? ((JSON.parse(text) as { detail?: string }).detail ?? null) : null;
        } catch {
          detail = null;
        }
        setError(detail ?? 'The upload stopped. Check your connection; pressing Upload again resumes where it stopped.');
      },
      onSuccess: () => setPaused(false),
    });
    upload.current = created;
    const previous = await created.findPreviousUploads();
    const resumable = previous[0];
    if (resumable) created.resumeFromPreviousUpload(resumable);
    created.start();
  }

  function togglePause() {
    const current = upload.current;
    if (!current) return;
    if (paused) current.start();
    else void current.abort();
    setPaused(!paused);
  }

  const title = status.title;
  const uploading = sent !== null && sent.bytes < sent.total && !error;
  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a video</h2>
      <form onSubmit={(e) => void start(e).catch((reason: unknown) => setError(messageOf(reason)))}>
        <div className="field">
          <label htmlFor="upload-file">Video file</label>
          <input id="upload-file" type="file" accept="video/*,.mkv,.mov,.mp4,.webm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Field label="Title" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="From the file name if empty" />
        <label className="check">
          <input type="checkbox" checked={free} onChange={(e) => setFree(e.target.checked)} /> Free to watch
        </label>
        <div className="row-actions">
          <button type="submit" className="button button-primary" disabled={!file || uploading}>
            Upload
          </button>
          {uploading && (
            <button type="button" className="button" onClick={togglePause}>
              {paused ? 'Resume' : 'Pause'}
            </button>
          )}
        </div>
      </form>
      {sent && (
        <div className="progress-block">
          <label htmlFor="upload-progress">
            Uploaded {formatBytes(sent.bytes)} of {formatBytes(sent.total)}
          </label>
          <progress id="upload-progress" max={sent.total || 1} value={sent.bytes}>
            {percent(sent.total ? sent.bytes / sent.total : 0)}
          </progress>
        </div>
      )}
      {error && <ErrorNotice message={error} />}
      {status.error && <ErrorNotice message={status.error} />}
      {title && (
        <div className="progress-block" role="status" aria-live="polite">
          {title.status === 'processing' && (
            <>
              <label htmlFor="transcode-progress">Transcoding “{title.title}”: {Math.round(title.progress ?? 0)}%</label>
              <progress id="transcode-progress" max={100} value={title.progress ?? 0} />
            </>
          )}
          {title.status === 'ready' && (
            <p className="transcode-ready">
              “{title.title}” is ready to play. <Link to={`/title/${encodeURIComponent(title.id)}`}>Open it</Link> or{' '}
              <Link to={`/admin/titles/${encodeURIComponent(title.id)}`}>edit its details</Link>.
            </p>
          )}
          {title.status === 'failed' && <ErrorNotice message={`Transcoding failed: ${title.error ?? 'the file could not be read.'}`} />}
        </div>
      )}
    </section>
  );
}
