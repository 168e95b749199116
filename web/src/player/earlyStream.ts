import Hls, { type ErrorData } from 'hls.js';
import type { PlaybackView } from '../api/types';
import { takeCarriedPlayback } from './playbackRequests';

/**
 * The player's hls.js settings. Half a minute ahead is enough to ride out an edge handing over, and no viewer who
 * stops early has fetched minutes they never watch (hls.js would otherwise buffer up to ten minutes of a
 * low-bitrate rung). Content Steering is on in the full build, so a failing edge hands over to the next.
 */
export function createHls(startPosition: number, startFragPrefetch = false): Hls {
  return new Hls({ startPosition, startFragPrefetch, maxBufferLength: 30, maxMaxBufferLength: 30, backBufferLength: 30 });
}

interface EarlyStream {
  id: string;
  view: PlaybackView;
  hls: Hls;
  /** The fragments loaded before the player was there (the first one, with startFragPrefetch). */
  fragmentUrls: string[];
  /** A fatal error hls.js reported before the player was there to hear it. */
  fatal?: ErrorData;
  stopListening?: () => void;
}

let early: EarlyStream | undefined;

/**
 * When the page carried its playback (see playbackRequests.adoptPagePlayback), the stream starts as soon as this
 * code has loaded, before React has rendered the player: hls.js fetches the multivariant and media playlists and the
 * first segments (startFragPrefetch) with no <video> yet, and the player attaches its <video> when it mounts.
 */
export function startEarlyStream(): void {
  const watching = /^\/watch\/([^/]+)$/.exec(window.location.pathname);
  if (!watching?.[1] || !Hls.isSupported()) return;
  const id = decodeURIComponent(watching[1]);
  const view = takeCarriedPlayback(id);
  if (!view) return;
  const hls = createHls(view.resumeAt ?? -1, true);
  const stream: EarlyStream = { id, view, hls, fragmentUrls: [] };
  const onFragment = (_: unknown, data: { frag: { url: string } }) => stream.fragmentUrls.push(data.frag.url);
  const onError = (_: unknown, data: ErrorData) => {
    if (data.fatal && !stream.fatal) stream.fatal = data;
  };
  hls.on(Hls.Events.FRAG_LOADED, onFragment);
  hls.on(Hls.Events.ERROR, onError);
  stream.stopListening = () => {
    hls.off(Hls.Events.FRAG_LOADED, onFragment);
    hls.off(Hls.Events.ERROR, onError);
  };
  hls.loadSource(view.hls);
  early = stream;
}

/** The stream started early for this playback, once; undefined when there is none (the player starts its own). */
export function takeEarlyStream(id: string, view: PlaybackView): Pick<EarlyStream, 'hls' | 'fragmentUrls' | 'fatal'> | undefined {
  const stream = early;
  early = undefined;
  if (!stream) return undefined;
  stream.stopListening?.();
  if (stream.id === id && stream.view === view) return stream;
  stream.hls.destroy();
  return undefined;
}
