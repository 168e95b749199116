import { useEffect, useMemo, useState } from 'react';
import type { PlaybackView } from '../api/types';
import { useSession } from '../account/session';
import { readyDownloadFor } from '../offline/hint';
import type { OfflineSource } from '../offline/playback';
import { heartbeatSeconds, type Position } from './heartbeat';

export type OfflinePlayback =
  /** Not downloaded here (or not for this profile): the player streams. */
  | { status: 'none' }
  | { status: 'checking' }
  | { status: 'ready'; view: PlaybackView; source: OfflineSource }
  /** Downloaded, but the licence says no (expired, revoked, clock set back): the sentence to show. */
  | { status: 'refused'; reason: string };

/** The stream's description the player works from, for a download: its local playlist, no lease, no edges. */
function viewOf(source: OfflineSource): PlaybackView {
  return {
    hls: source.url,
    dash: '',
    edges: [],
    pathways: [],
    token: '',
    expiresAt: '',
    leaseId: '',
    leaseExpiresAt: '',
    maxHeight: source.height,
    resumeAt: source.resumeAt,
  };
}

/**
 * Plays a title or episode from storage when this browser has it downloaded (complete, for this profile), after the
 * licence check of web/src/offline/playback.ts; the offline module loads only then. `allowed` is false in a watch
 * party and when the page came with a playback already started.
 */
export function useOfflinePlayback(id: string, allowed: boolean): OfflinePlayback {
  const session = useSession();
  // Read once per title: a refused download loses its hint, and must stay refused rather than start streaming.
  const hint = useMemo(() => (allowed ? readyDownloadFor(id) : null), [id, allowed]);
  const downloadId = hint?.downloadId ?? null;
  const hintProfile = hint?.profileId ?? null;
  const known = session.account !== undefined;
  const profileId = session.profile?.id ?? null;
  const [state, setState] = useState<OfflinePlayback>(() => (downloadId ? { status: 'checking' } : { status: 'none' }));

  useEffect(() => {
    if (!downloadId) {
      setState({ status: 'none' });
      return;
    }
    if (!known) {
      setState({ status: 'checking' });
      return;
    }
    if (!profileId || hintProfile !== profileId) {
      setState({ status: 'none' });
      return;
    }
    let cancelled = false;
    setState({ status: 'checking' });
    import('../offline/playback')
      .then((module) => module.openOffline(downloadId, id, profileId))
      .then(
        (opening) => {
          if (cancelled) return;
          if (opening.kind === 'ready') setState({ status: 'ready', source: opening.source, view: viewOf(opening.source) });
          else if (opening.kind === 'refused') setState({ status: 'refused', reason: opening.reason });
          else setState({ status: 'none' });
        },
        (error: unknown) => {
          // The download could not be read: stream instead, if there is a network.
          console.warn('The download could not be opened; streaming instead.', error);
          if (!cancelled) setState({ status: 'none' });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [id, downloadId, hintProfile, known, profileId]);

  return state;
}

/**
 * A download's progress, kept where it is played: the position in storage every few seconds, on pause, on seek and
 * when the page goes (queued for the origin, sent when there is a network), and the first play reported once.
 */
export function useOfflineProgress(source: OfflineSource | null, video: HTMLVideoElement, position: () => Position | null): void {
  useEffect(() => {
    if (!source) return;
    const save = () => {
      const at = position();
      return at ? source.savePosition(at.positionSeconds, at.durationSeconds).catch(() => undefined) : Promise.resolve();
    };
    // Paused: a moment the viewer chose, sent at once if there is a network.
    const pause = () => void save().then(source.flush);
    const firstPlay = () => void source.firstPlay().catch(() => undefined);
    const timer = window.setInterval(() => void save(), heartbeatSeconds * 1000);
    video.addEventListener('playing', firstPlay, { once: true });
    video.addEventListener('pause', pause);
    const saveNow = () => void save();
    video.addEventListener('seeked', saveNow);
    window.addEventListener('pagehide', saveNow);
    return () => {
      window.clearInterval(timer);
      video.removeEventListener('playing', firstPlay);
      video.removeEventListener('pause', pause);
      video.removeEventListener('seeked', saveNow);
      window.removeEventListener('pagehide', saveNow);
      void save().then(source.flush);
    };
  }, [source, video, position]);
}
