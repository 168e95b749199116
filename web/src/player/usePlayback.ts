import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/client';
import type { PlaybackView } from '../api/types';
import { requestPlayback, takeEarlyPlayback } from './playbackRequests';

export interface PlaybackState {
  view: PlaybackView | null;
  error: string | null;
  status: number | null;
  /** When the viewer asked to play, for time-to-first-frame. */
  requestedAt: number;
  retry: () => void;
}

/** Asks the origin for playback: entitlement, a stream lease, a token and the edges to fetch from. */
export function usePlayback(id: string): PlaybackState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<PlaybackState, 'retry'>>({ view: null, error: null, status: null, requestedAt: performance.now() });

  useEffect(() => {
    const controller = new AbortController();
    const started = takeEarlyPlayback(id);
    const requestedAt = started?.at ?? performance.now();
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
  }, [id, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
