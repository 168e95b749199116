import { api, ApiError } from '../api/client';

export const heartbeatSeconds = 5;

export interface Position {
  playbackId: string;
  positionSeconds: number;
  durationSeconds: number;
}

/**
 * The player's heartbeat: one request renews the stream lease and saves how far the profile got. Returns false
 * when the lease is gone (the stream ended or lapsed), so the player can stop and say so.
 */
export async function beat(leaseId: string, position: Position | null, keepalive = false): Promise<boolean> {
  try {
    // Until the video's duration is known there is no position to save; the lease is renewed all the same.
    const path = `/api/v1/streams/${encodeURIComponent(leaseId)}/renew`;
    await (position ? api.post(path, position, { keepalive }) : api.postEmpty(path, { keepalive }));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

/** Leaving the player: save the last position, then give the stream slot back; both survive the page closing. */
export function release(leaseId: string, position: Position | null): void {
  void beat(leaseId, position, true)
    .catch(() => undefined)
    .finally(() => {
      void api.delete(`/api/v1/streams/${encodeURIComponent(leaseId)}`, { keepalive: true }).catch(() => undefined);
    });
}
