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

/**
 * Leaving the player: one request saves the last position and gives the stream slot back, sent with keepalive so
 * it survives the page closing (two requests from a closing page could arrive in either order).
 */
export function release(leaseId: string, position: Position | null): void {
  void api.delete(`/api/v1/streams/${encodeURIComponent(leaseId)}`, { keepalive: true }, position ?? undefined).catch(() => undefined);
}
