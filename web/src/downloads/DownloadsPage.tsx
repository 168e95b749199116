import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import type { StoredDownload } from '../offline/db';
import { formatMoment, relativeTime } from '../offline/licence';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatBytes } from '../ui/format';
import { useOnline } from '../ui/useOnline';
import { stateText } from './DownloadControl';
import { StorageSummary } from './StorageSummary';
import { problemText, useDownloads, type Manager } from './useDownloads';

/** The Downloads page (/downloads): what this browser stores for the profile, to watch without a network. */
export default function DownloadsPage() {
  const session = useSession();
  const { manager, items, loaded, failure } = useDownloads(session.profile?.id, true);
  const online = useOnline();

  return (
    <main className="page downloads-page" id="main">
      <h1>Downloads</h1>
      {!online && (
        <p className="notice" role="status">
          You are offline. Your downloads play without a network; renewing and deleting them wait until you are back online.
        </p>
      )}
      {failure && <ErrorNotice message={failure} />}
      {manager && <StorageSummary manager={manager} items={items} />}
      {loaded && items.length === 0 && (
        <p className="empty">
          Nothing downloaded yet. Download a film or a series' episodes from their pages to watch them here without a network. <Link to="/">Browse titles</Link>
        </p>
      )}
      {manager && items.length > 0 && (
        <ul className="download-list" aria-label="Downloaded titles">
          {items.map((item) => (
            <DownloadRow key={item.id} item={item} manager={manager} online={online} />
          ))}
        </ul>
      )}
    </main>
  );
}

function usePosterUrl(poster: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!poster) return;
    const made = URL.createObjectURL(poster);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [poster]);
  return url;
}

function Expiry({ item }: { item: StoredDownload }) {
  const now = Date.now();
  const expires = Date.parse(item.licence.expiresAt);
  const checkIn = Date.parse(item.licence.checkInBy);
  return (
    <>
      <span>
        {expires > now ? 'Expires' : 'Expired'} {relativeTime(expires, now)} <small>({formatMoment(expires)})</small>
      </span>
      {item.licence.firstPlayedAt && (
        <span>
          <small>Started: plays for {item.licence.playWindowHours} hours from the first play</small>
        </span>
      )}
      {checkIn < expires && checkIn - now < 3 * 86400 * 1000 && (
        <span>
          <small>Connect to the internet by {formatMoment(checkIn)} so it keeps playing</small>
        </span>
      )}
    </>
  );
}

function DownloadRow({ item, manager, online }: { item: StoredDownload; manager: Manager; online: boolean }) {
  const poster = usePosterUrl(item.poster);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = item.licence.name;
  const ended = item.state === 'expired' || item.state === 'revoked';
  const active = item.state === 'downloading' || item.state === 'queued' || item.state === 'waiting';
  const progress = item.pieceCount > 0 ? item.storedPieces / item.pieceCount : 0;
  const watch = `/watch/${encodeURIComponent(item.playbackId)}?title=${encodeURIComponent(item.titleId)}`;

  async function act(action: () => Promise<unknown>) {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (reason) {
      setError(problemText(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`download-item download-${item.state}`} data-download-id={item.id}>
      <div className="download-art">{poster ? <img src={poster} alt="" width={160} height={90} /> : <span className="poster-fallback" aria-hidden="true">{name}</span>}</div>
      <div className="download-info">
        <h2>{name}</h2>
        <p className="download-meta">
          <span>{item.licence.height}p</span>
          <span>{item.state === 'complete' ? formatBytes(item.storedBytes) : ended ? '—' : `about ${formatBytes(item.estimatedBytes)}`}</span>
          {!ended && <Expiry item={item} />}
        </p>
        <p className={`download-state ${ended || item.state === 'failed' ? 'download-problem' : ''}`} role={active ? 'status' : undefined}>
          {stateText(item)}
          {item.problem && `: ${item.problem}`}
        </p>
        {active || item.state === 'paused' || item.state === 'failed' ? <progress max={1} value={progress} aria-label={`Download of ${name}`} /> : null}
        {error && <ErrorNotice message={error} />}
      </div>
      <div className="row-actions download-actions">
        {item.state === 'complete' && (
          <Link className="button button-primary" to={watch} aria-label={`Play ${name}`}>
            ▶ Play
          </Link>
        )}
        {active && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => manager.pause(item.id))} aria-label={`Pause ${name}`}>
            Pause
          </button>
        )}
        {(item.state === 'paused' || item.state === 'failed') && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => manager.resume(item.id))} aria-label={`Resume ${name}`}>
            Resume
          </button>
        )}
        {item.state === 'complete' && (
          <button
            type="button"
            className="button"
            disabled={busy || !online}
            title={online ? undefined : 'Renewing needs a network'}
            onClick={() => void act(() => manager.renew(item.id))}
            aria-label={`Renew ${name}`}
          >
            Renew
          </button>
        )}
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void act(() => manager.remove(item.id))} aria-label={`${ended ? 'Remove' : 'Delete'} ${name}`}>
          {ended ? 'Remove' : 'Delete'}
        </button>
      </div>
    </li>
  );
}
