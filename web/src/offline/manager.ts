import { database, deleteDownload } from './db';
import { deviceId } from './device';
import { kick, resumeWaiting, setTokenRefresher, stop } from './downloader';
import { clearHints } from './hint';
import { setReconnect } from './reconnect';
import * as store from './store';
import { checkIn, enqueue, flush } from './sync';

/**
 * The offline module's front door for the screens (loaded on demand): the profile's downloads, what the viewer does
 * to them, and the app's check-in. The work is in prepare.ts (licence, sizes, start), downloader.ts (fetching),
 * sync.ts (check-in, renewal, reports made offline) and playback.ts (the player's side).
 */
export { cancel, prepare, roomProblem, seasonEpisodes, start, storageInfo, type DownloadTarget, type Offer, type StorageInfo } from './prepare';
export { renew } from './sync';
export { subscribe, current } from './store';

setTokenRefresher(async () => {
  await checkIn();
});

/** The network is back (or may be): check in, which sends what was queued, then carry on waiting downloads. */
async function reconnect(): Promise<boolean> {
  const through = await checkIn().catch(() => false);
  if (through) await resumeWaiting();
  return through;
}
setReconnect(reconnect);

let started: string | null = null;

/**
 * The app has started (or the profile changed): read the profile's downloads, check in when online (the origin may
 * have ended some licences; tokens are renewed), send what was played offline, and carry on the downloads that were
 * running when the page went away. Then again whenever the network returns.
 */
export async function startup(profileId: string): Promise<void> {
  await store.loadProfile(profileId);
  if (started !== profileId) {
    started = profileId;
    if (navigator.onLine) await reconnect();
  }
  kick();
}

let listening = false;
export function listenForNetwork(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('online', () => void reconnect());
}

export async function pause(id: string): Promise<void> {
  stop(id);
  await store.change(id, () => ({ state: 'paused', problem: null }));
  kick();
}

export async function resume(id: string): Promise<void> {
  await store.change(id, () => ({ state: 'queued', problem: null }));
  kick();
}

/** Deletes a download here, and gives its licence back to the origin (at once, or when the network returns). */
export async function remove(id: string): Promise<void> {
  const item = await store.get(id);
  stop(id);
  await deleteDownload(id);
  if (item) store.removed(item);
  if (item?.state !== 'expired' && item?.state !== 'revoked') {
    await enqueue({ kind: 'delete', downloadId: id });
    await flush().catch(() => undefined);
  }
  kick();
}

/** Signing out: every download of this browser goes, for every profile, and their licences are given back. */
export async function forgetDevice(): Promise<void> {
  if (!(await deviceId(false))) return;
  const db = await database();
  for (const item of await db.getAll('downloads')) {
    stop(item.id);
    await deleteDownload(item.id);
    if (item.state !== 'expired' && item.state !== 'revoked') await enqueue({ kind: 'delete', downloadId: item.id });
  }
  await flush().catch(() => undefined);
  await db.clear('queue');
  store.forgetAll();
  started = null;
  clearHints();
  // The device id stays: the account page's list of devices would otherwise fill with the same browser.
}

export { checkIn };
