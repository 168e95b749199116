import Hls, { type ErrorData, type HlsConfig } from 'hls.js';
import type { PlaybackView } from '../api/types';
import { holdApp, pageBootstrap, type PageBootstrap } from './pageBootstrap';
import { startTimeOf } from '../share/startTime';

/**
 * The player's hls.js settings. Half a minute ahead is enough to ride out an edge handing over, and no viewer who
 * stops early has fetched minutes they never watch (hls.js would otherwise buffer up to ten minutes of a
 * low-bitrate rung). Content Steering is on in the full build, so a failing edge hands over to the next. A download
 * plays through a loader of its own that reads storage (web/src/offline/playback.ts).
 */
export function createHls(startPosition: number, startFragPrefetch = false, loader?: HlsConfig['loader']): Hls {
  return new Hls({ startPosition, startFragPrefetch, maxBufferLength: 30, maxMaxBufferLength: 30, backBufferLength: 30, ...(loader ? { loader } : {}) });
}

/** The player's <video>: the player owns it outside React's rendering, as the early stream may have made it. */
export function createVideo(): HTMLVideoElement {
  const video = document.createElement('video');
  video.className = 'player-video';
  video.playsInline = true;
  return video;
}

export interface EarlyStream {
  id: string;
  view: PlaybackView;
  hls: Hls;
  /** The fragments loaded before the player was there. */
  fragmentUrls: string[];
  /** A fatal error hls.js reported before the player was there to hear it. */
  fatal?: ErrorData;
  /** When the first frame was presented (epoch ms, as performance.timeOrigin + now), if before the player was there. */
  firstFrameAt?: number;
  stopListening?: () => void;
}

let early: EarlyStream | undefined;
let video: HTMLVideoElement | undefined;

/**
 * This module is the player page's first script (its own entry, in the page before the app's script; see
 * web/vite.config.ts and the origin's WatchPage): when the page carried its playback, the stream starts before
 * React and the app have even been evaluated. hls.js gets a <video> of its own, shown over the page at once and
 * playing as soon as it can; the player moves it into its stage when it mounts, with the same hls.js instance.
 */
function startEarlyStream(): void {
  const watching = /^\/watch\/([^/]+)$/.exec(window.location.pathname);
  if (!watching?.[1] || !Hls.isSupported()) return;
  const id = decodeURIComponent(watching[1]);
  const carried = pageBootstrap();
  if (carried?.id !== id || !carried.playback) return;
  const view = carried.playback;
  // A start-time link (?t=) starts there rather than where the viewer left off, as the player does.
  const hls = createHls(startTimeOf(window.location.search) ?? view.resumeAt ?? -1, true);
  const stream: EarlyStream = { id, view, hls, fragmentUrls: [] };
  video = createVideo();
  video.classList.add('player-early');
  document.body.append(video);
  // The app renders once the first frame is shown, hls.js has failed, the browser wants a gesture to play, or after
  // 1.5 s at the latest: before that it would only take the CPU from hls.js on its way to the first frame.
  let releaseApp = () => undefined as void;
  holdApp(new Promise<void>((resolve) => (releaseApp = resolve)));
  window.setTimeout(releaseApp, 1500);
  if (typeof video.requestVideoFrameCallback === 'function') {
    video.requestVideoFrameCallback(() => {
      stream.firstFrameAt ??= performance.timeOrigin + performance.now();
      releaseApp();
    });
  } else {
    // Firefox before 132: 'playing' is the next best signal, as in the player.
    video.addEventListener(
      'playing',
      () => {
        stream.firstFrameAt ??= performance.timeOrigin + performance.now();
        releaseApp();
      },
      { once: true },
    );
  }
  const element = video;
  // Refused without a gesture, the player asks again when it mounts and offers a play button.
  const onParsed = () => {
    // Start on the rendition whose playlist came with the page (the origin preloaded it), not hls.js's own guess.
    const start = carried.start ? hls.levels.findIndex((level) => level.uri.split('?')[0]?.endsWith(`/${carried.start}`)) : -1;
    if (start >= 0) hls.startLevel = start;
    void element.play().catch(releaseApp);
  };
  const onFragment = (_: unknown, data: { frag: { url: string } }) => stream.fragmentUrls.push(data.frag.url);
  const onError = (_: unknown, data: ErrorData) => {
    if (data.fatal && !stream.fatal) {
      stream.fatal = data;
      releaseApp();
    }
  };
  // Left before the player took the stream over (it renders after the first frame): give the stream slot back, as
  // the player does when it is left, or the plan's slot stays taken until the lease lapses.
  const onLeave = () => releaseLease(view.leaseId, carried.antiforgery);
  hls.on(Hls.Events.MANIFEST_PARSED, onParsed);
  hls.on(Hls.Events.FRAG_LOADED, onFragment);
  hls.on(Hls.Events.ERROR, onError);
  window.addEventListener('pagehide', onLeave);
  stream.stopListening = () => {
    hls.off(Hls.Events.MANIFEST_PARSED, onParsed);
    hls.off(Hls.Events.FRAG_LOADED, onFragment);
    hls.off(Hls.Events.ERROR, onError);
    window.removeEventListener('pagehide', onLeave);
  };
  performance.mark('marquee:early-stream');
  hls.loadSource(view.hls);
  hls.attachMedia(video);
  early = stream;
}

/**
 * The player's release (heartbeat.ts) without the app's API client, which this entry does not load: one keepalive
 * DELETE with the antiforgery token the page carried.
 */
function releaseLease(leaseId: string, antiforgery: PageBootstrap['antiforgery']): void {
  if (!antiforgery?.token || !antiforgery.headerName) return;
  void fetch(`/api/v1/streams/${encodeURIComponent(leaseId)}`, {
    method: 'DELETE',
    headers: { [antiforgery.headerName]: antiforgery.token },
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

startEarlyStream();

/** The <video> the early stream made, if it made one: the player's element for this page. */
export function earlyVideo(): HTMLVideoElement | undefined {
  return video;
}

/** The stream started early for this playback, once; undefined when there is none (the player starts its own). */
export function takeEarlyStream(id: string, view: PlaybackView): EarlyStream | undefined {
  const stream = early;
  early = undefined;
  if (!stream) return undefined;
  stream.stopListening?.();
  if (stream.id === id && stream.view === view) return stream;
  stream.hls.destroy();
  return undefined;
}
