import { adoptAntiforgery, api } from '../api/client';
import type { PlaybackView } from '../api/types';

interface EarlyPlayback {
  at: number;
  answer: Promise<PlaybackView>;
}

const early = new Map<string, EarlyPlayback>();
/** The playback the page carried, readable at once (the player's code starts the stream from it as it loads). */
let carried: { id: string; view: PlaybackView } | undefined;

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

interface PageBootstrap {
  id?: string;
  playback?: PlaybackView;
  antiforgery?: { token?: string; headerName?: string };
}

/**
 * The playback the origin wrote into the page it served for /watch/{id} (a JSON data block, see the origin's
 * WatchPage): when the page was loaded signed in and the playback was granted, the token arrives with the page and
 * nothing needs asking, not even the antiforgery token the heartbeats and the release need. Read once, and taken
 * out of the document.
 */
export function adoptPagePlayback(id: string): boolean {
  const element = document.getElementById('marquee-playback');
  if (!element) return false;
  element.remove();
  try {
    const bootstrap = JSON.parse(element.textContent ?? '') as PageBootstrap;
    if (bootstrap.id !== id || !bootstrap.playback) return false;
    const { token, headerName } = bootstrap.antiforgery ?? {};
    if (token && headerName) adoptAntiforgery(token, headerName);
    // Asked for with the page itself: the time to the first frame counts from navigation start.
    early.set(id, { at: 0, answer: Promise.resolve(bootstrap.playback) });
    carried = { id, view: bootstrap.playback };
    return true;
  } catch {
    return false;
  }
}

/** The early answer for this id, once: the player uses it instead of asking again. */
export function takeEarlyPlayback(id: string): EarlyPlayback | undefined {
  const started = early.get(id);
  early.delete(id);
  return started;
}

/** The playback the page carried for this id, once, synchronously: for starting the stream before React renders. */
export function takeCarriedPlayback(id: string): PlaybackView | undefined {
  const found = carried?.id === id ? carried.view : undefined;
  carried = undefined;
  return found;
}
