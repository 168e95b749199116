import { api } from '../api/client';
import type { PlaybackView } from '../api/types';

interface EarlyPlayback {
  at: number;
  answer: Promise<PlaybackView>;
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

/** The early answer for this id, once: the player uses it instead of asking again. */
export function takeEarlyPlayback(id: string): EarlyPlayback | undefined {
  const started = early.get(id);
  early.delete(id);
  return started;
}
