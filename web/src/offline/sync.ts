import { api, ApiError } from '../api/client';
import type { PlaybackView } from '../api/types';
import { downloadsApi, type DownloadView } from './api';
import { database, discardBytes, type QueuedReport, type StoredDownload } from './db';
import { deviceId, noteServerTime } from './device';
import { stop } from './downloader';
import { reachable, whenUnreachable } from './reconnect';
import * as store from './store';

/** A licence as stored: everything the origin said but its key, which lives only as a non-extractable CryptoKey. */
export function withoutKey(licence: DownloadView): DownloadView {
  return { ...licence, key: null };
}

function unreachable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

/**
 * A download whose licence ended: its fetches stop, its bytes and key go, and its record stays with the reason, so
 * the Downloads page can say why until the viewer removes it. The origin is told (DELETE) so the slot is free.
 */
export async function endDownload(id: string, state: 'expired' | 'revoked', reason: string): Promise<StoredDownload | undefined> {
  stop(id);
  await discardBytes(id);
  const item = await store.change(id, () => ({ state, problem: reason, storedBytes: 0, storedPieces: 0 }));
  await enqueue({ kind: 'delete', downloadId: id });
  return item;
}

export async function enqueue(report: QueuedReport): Promise<void> {
  await (await database()).add('queue', report);
}

/** Queues a position played offline in place of the title's earlier one: only the latest counts. */
export async function enqueueProgress(report: Extract<QueuedReport, { kind: 'progress' }>): Promise<void> {
  const tx = (await database()).transaction('queue', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.kind === 'progress' && cursor.value.playbackId === report.playbackId) await cursor.delete();
  }
  await tx.store.add(report);
  await tx.done;
}

/**
 * The check-in (GET /api/v1/downloads?deviceId=…): the origin checks every licence of this device again, and
 * answers with fresh tokens and a new check-in deadline. A licence that is no longer active ends here, with the
 * origin's reason. Does nothing without a device id (nothing was ever downloaded) or a network.
 */
export async function checkIn(): Promise<boolean> {
  const device = await deviceId(false);
  if (!device) return false;
  let answer: { items: DownloadView[] };
  try {
    answer = await downloadsApi.checkIn(device);
  } catch (error) {
    if (!unreachable(error)) throw error;
    whenUnreachable();
    return false;
  }
  reachable();
  await noteServerTime(...answer.items.map((i) => i.serverTime));
  const byId = new Map(answer.items.map((i) => [i.id, i]));
  const profileId = store.current().profileId;
  const local = profileId ? await (await database()).getAllFromIndex('downloads', 'by-profile', profileId) : [];
  for (const item of local) {
    if (item.state === 'expired' || item.state === 'revoked') continue;
    const licence = byId.get(item.id);
    if (!licence) {
      await endDownload(item.id, 'revoked', 'This download was removed from your account.');
    } else if (licence.status !== 'active') {
      const state = licence.status === 'revoked' ? 'revoked' : 'expired';
      await endDownload(item.id, state, licence.reason ?? (state === 'expired' ? 'This download expired.' : 'This download was withdrawn.'));
    } else {
      await store.change(item.id, () => ({ licence: withoutKey(licence) }));
    }
  }
  await flush();
  return true;
}

/** Renews a licence for another 30 days; refused, the download ends with the reason, which is thrown on to be shown. */
export async function renew(id: string): Promise<void> {
  try {
    const licence = await downloadsApi.renew(id);
    await noteServerTime(licence.serverTime);
    await store.change(id, () => ({ licence: withoutKey(licence) }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 451 || error.status === 404)) {
      await endDownload(id, 'revoked', error.message);
    }
    throw error;
  }
}

/**
 * Saves a position played offline through the player's own progress route: a playback (which entitles and takes a
 * stream lease) released at once with the position, as the player does when it closes.
 */
async function sendProgress(report: Extract<QueuedReport, { kind: 'progress' }>): Promise<void> {
  const playback = await api.postEmpty<PlaybackView>(`/api/v1/playback/${encodeURIComponent(report.playbackId)}`);
  await api.delete(`/api/v1/streams/${encodeURIComponent(playback.leaseId)}`, {}, {
    playbackId: report.playbackId,
    positionSeconds: report.positionSeconds,
    durationSeconds: report.durationSeconds,
  });
}

async function send(report: QueuedReport): Promise<void> {
  switch (report.kind) {
    case 'played': {
      const licence = await downloadsApi.played(report.downloadId, report.at);
      await noteServerTime(licence.serverTime);
      await store.change(report.downloadId, (item) => (item.state === 'complete' ? { licence: withoutKey(licence) } : {}));
      return;
    }
    case 'progress':
      return sendProgress(report);
    case 'delete':
      return downloadsApi.remove(report.downloadId);
  }
}

let flushing: Promise<void> | null = null;

/**
 * Sends what was queued offline (first plays, positions, deletions), oldest first; only the latest position of each
 * title counts. Stops at the first report the network does not carry (it stays queued for next time); a report the
 * origin refuses (the licence or title is gone) is dropped, it can never succeed.
 */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    const db = await database();
    const reports = await db.getAll('queue');
    const latest = new Map<string, number>();
    for (const report of reports) if (report.kind === 'progress' && report.id !== undefined) latest.set(report.playbackId, report.id);
    for (const report of reports) {
      if (report.id === undefined) continue;
      if (report.kind !== 'progress' || latest.get(report.playbackId) === report.id) {
        try {
          await send(report);
        } catch (error) {
          if (unreachable(error) || (error instanceof ApiError && (error.status === 429 || error.status >= 500))) {
            whenUnreachable();
            return;
          }
        }
      }
      await db.delete('queue', report.id);
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
