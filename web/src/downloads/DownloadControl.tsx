import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import type { EpisodeView, TitleView } from '../api/types';
import { offlineSupported } from '../offline/crypto';
import type { StoredDownload } from '../offline/db';
import { percent } from '../ui/format';
import { DownloadDialog } from './DownloadDialog';
import { useDownloads, type Manager } from './useDownloads';

type Target = Parameters<Manager['prepare']>[0];

interface Props {
  title: TitleView;
  /** An episode of the series; a movie when absent. */
  episode?: EpisodeView;
  /** The plan's highest quality. */
  maxHeight: number;
}

function progressOf(item: StoredDownload): number {
  return item.pieceCount > 0 ? item.storedPieces / item.pieceCount : 0;
}

/** What a download is doing, in a few words: "Downloading 34 %", "Paused at 34 %", "Downloaded". */
export function stateText(item: StoredDownload): string {
  switch (item.state) {
    case 'queued':
      return 'Waiting to download';
    case 'downloading':
      return `Downloading ${percent(progressOf(item))}`;
    case 'waiting':
      return `Waiting for the network (${percent(progressOf(item))})`;
    case 'paused':
      return `Paused at ${percent(progressOf(item))}`;
    case 'failed':
      return `Stopped at ${percent(progressOf(item))}`;
    case 'complete':
      return 'Downloaded';
    case 'expired':
      return 'Expired';
    case 'revoked':
      return 'Withdrawn';
  }
}

/**
 * The Download control of a title page (a movie) or of an episode: Download opens the dialog; then the progress with
 * Pause or Resume; once stored, a link to the Downloads page.
 */
export function DownloadButton({ title, episode, maxHeight }: Props) {
  const session = useSession();
  const profileId = session.profile?.id ?? null;
  // What the open dialog downloads; null while it is closed. Kept, so the dialog does not ask again on every render.
  const [targets, setTargets] = useState<Target[] | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const { manager, items, failure } = useDownloads(profileId, targets !== null);
  const playbackId = episode?.id ?? title.id;
  const item = items.find((i) => i.playbackId === playbackId);
  const name = episode ? `episode ${episode.number}` : title.title;

  if (!offlineSupported()) {
    return episode ? null : <p className="hint">Downloads need a secure connection (https) in this browser.</p>;
  }
  const close = () => {
    setTargets(null);
    opener.current?.focus();
  };

  let body;
  if (item && item.state === 'complete') {
    body = (
      <Link className="button button-small download-done" to="/downloads" aria-label={`Downloaded: ${name}. Open downloads`}>
        ✓ Downloaded
      </Link>
    );
  } else if (item && item.state !== 'expired' && item.state !== 'revoked') {
    const active = item.state === 'downloading' || item.state === 'queued' || item.state === 'waiting';
    body = (
      <span className="download-progress">
        <span role="status">{stateText(item)}</span>
        <progress max={1} value={progressOf(item)} aria-label={`Download of ${name}`} />
        {manager && (
          <button type="button" className="button button-small" onClick={() => void (active ? manager.pause(item.id) : manager.resume(item.id))} aria-label={`${active ? 'Pause' : 'Resume'} the download of ${name}`}>
            {active ? 'Pause' : 'Resume'}
          </button>
        )}
      </span>
    );
  } else {
    body = (
      <button ref={opener} type="button" className={`button ${episode ? 'button-small' : ''}`} onClick={() => setTargets([{ titleId: title.id, episodeId: episode?.id ?? null, title, maxHeight }])} aria-label={`Download ${name}`}>
        ↓ {item ? 'Download again' : 'Download'}
      </button>
    );
  }

  return (
    <>
      {body}
      {failure && <p className="field-error">{failure}</p>}
      {targets && manager && profileId && <DownloadDialog manager={manager} profileId={profileId} targets={targets} heading={episode ? `${title.title}, episode ${episode.number}` : title.title} onClose={close} />}
    </>
  );
}

/** "Download season": every episode of the season not downloaded yet, one licence each, with the total size. */
export function SeasonDownloadButton({ title, seasonId, maxHeight }: { title: TitleView; seasonId: string; maxHeight: number }) {
  const session = useSession();
  const profileId = session.profile?.id ?? null;
  const [targets, setTargets] = useState<Target[] | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const { manager, items } = useDownloads(profileId, targets !== null);
  const season = title.seasons.find((s) => s.id === seasonId);
  if (!offlineSupported() || !season) return null;
  const ready = [...season.episodes].sort((a, b) => a.number - b.number).filter((e) => e.media.status === 'ready');
  const live = items.filter((i) => i.state !== 'expired' && i.state !== 'revoked');
  const episodes = ready.filter((e) => !live.some((i) => i.playbackId === e.id));
  const allStored = ready.every((e) => live.some((i) => i.playbackId === e.id && i.state === 'complete'));
  const label = season.name || `Season ${season.number}`;
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="button button-small"
        disabled={episodes.length === 0}
        aria-label={episodes.length > 0 ? `Download ${label}` : allStored ? `${label}: every episode is downloaded` : `${label}: every episode is downloading`}
        onClick={() => setTargets(episodes.map((e) => ({ titleId: title.id, episodeId: e.id, title, maxHeight })))}
      >
        {episodes.length > 0 ? '↓ Download season' : allStored ? '✓ Season downloaded' : 'Season downloading'}
      </button>
      {targets && manager && profileId && (
        <DownloadDialog
          manager={manager}
          profileId={profileId}
          targets={targets}
          heading={`${title.title}, ${label}`}
          onClose={() => {
            setTargets(null);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}
