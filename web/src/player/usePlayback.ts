import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/client';
import type { PlaybackView } from '../api/types';
import { carriedPlayback, requestPlayback, takeEarlyPlayback } from './playbackRequests';

export interface PlaybackState {
  view: PlaybackView | null;
  error: string | null;
  status: number | null;
  /** When the viewer asked to play, for time-to-first-frame. */
  requestedAt: number;
  retry: () => void;
}

/**
 * Asks the origin for playback: entitlement, a stream lease, a token and the edges to fetch from. Not while `enabled`
 * is false (the player is finding out whether it plays a download instead).
 */
export function usePlayback(id: string, enabled = true): PlaybackState {
  const [attempt, setAttempt] = useState(0);
  // A playback the page carried is there for the first render, so the stream is adopted on the first commit.
  const [state, setState] = useState<Omit<PlaybackState, 'retry'>>(() => {
    const carried = carriedPlayback(id);
    return { view: carried ?? null, error: null, status: null, requestedAt: carried ? 0 : performance.now() };
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const started = takeEarlyPlayback(id);
    const requestedAt = started?.at ?? performance.now();
    if (started?.view) {
      const view = started.view;
      setState((current) => (current.view === view ? current : { view, error: null, status: null, requestedAt }));
      return () => controller.abort();
    }
    setState({ view: null, error: null, status: null, requestedAt });
    (started?.answer ?? requestPlayback(id, controller.signal)).then(
      (view) => {
        if (!controller.signal.aborted) setState({ view, error: null, status: null, requestedAt });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setState({ view: null, error: messageOf(reason), status: reason instanceof ApiError ? reason.status : null, requestedAt });
      },
    );
    return () => controller.abort();
  }, [id, attempt, enabled]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
