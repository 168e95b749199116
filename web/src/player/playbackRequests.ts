import { adoptAntiforgery, api } from '../api/client';
import type { PlaybackView } from '../api/types';
import { pageBootstrap } from './pageBootstrap';

interface EarlyPlayback {
  at: number;
  answer: Promise<PlaybackView>;
  /** The answer itself when the page carried it: the player renders with it at once. */
  view?: PlaybackView;
}

const early = new Map<string, EarlyPlayback>();

export function requestPlayback(id: string, signal?: AbortSignal): Promise<PlaybackView> {
  return api.post<PlaybackView>(`/api/v1/playback/${encodeURIComponent(id)}`, undefined, { signal });
}

/**
 * Asks for playback as the page starts, before the player's code (hls.js) has even been parsed, so the two
 * overlap. Kept small and free of hls.js: the app's first script imports it.
 */
export function requestPlaybackEarly(id: string): void {
  const answer = requestPlayback(id);
  answer.catch(() => undefined);
  early.set(id, { at: performance.now(), answer });
}

/**
 * The playback the origin wrote into the page it served for /watch/{id} (a JSON data block, see the origin's
 * WatchPage): when the page was loaded signed in and the playback was granted, the token arrives with the page and
 * nothing needs asking, not even the antiforgery token the heartbeats and the release need. Read once, and taken
 * out of the document.
 */
export function adoptPagePlayback(id: string): boolean {
  const bootstrap = pageBootstrap();
  if (bootstrap?.id !== id || !bootstrap.playback) return false;
  const { token, headerName } = bootstrap.antiforgery ?? {};
  if (token && headerName) adoptAntiforgery(token, headerName);
  // Asked for with the page itself: the time to the first frame counts from navigation start.
  early.set(id, { at: 0, answer: Promise.resolve(bootstrap.playback), view: bootstrap.playback });
  return true;
}

/** The playback the page carried for this id, without taking it: the player's first render has it. */
export function carriedPlayback(id: string): PlaybackView | undefined {
  return early.get(id)?.view;
}

/** The early answer for this id, once: the player uses it instead of asking again. */
export function takeEarlyPlayback(id: string): EarlyPlayback | undefined {
  const started = early.get(id);
  early.delete(id);
  return started;
}
