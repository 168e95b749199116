import { database, type StoredDownload } from './db';
import { setReadyHint } from './hint';

/**
 * The downloads of the current profile as the screens see them: read from IndexedDB once, changed only through
 * `change` (which writes first, then tells every subscriber), so the Downloads page, the title pages' controls and
 * the downloader agree on one state.
 */
interface Snapshot {
  profileId: string | null;
  loaded: boolean;
  items: StoredDownload[];
}

let snapshot: Snapshot = { profileId: null, loaded: false, items: [] };
const listeners = new Set<() => void>();

function publish(next: Snapshot): void {
  snapshot = next;
  listeners.forEach((listener) => listener());
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function current(): Snapshot {
  return snapshot;
}

/** Reads the profile's downloads, oldest first (the order they download in). */
export async function loadProfile(profileId: string): Promise<Snapshot> {
  if (snapshot.profileId === profileId && snapshot.loaded) return snapshot;
  const items = await (await database()).getAllFromIndex('downloads', 'by-profile', profileId);
  items.sort((a, b) => a.createdAt - b.createdAt);
  publish({ profileId, loaded: true, items });
  return snapshot;
}

function replace(item: StoredDownload): void {
  // The hint the player reads without loading this module: complete downloads play from storage.
  setReadyHint(item.playbackId, item.state === 'complete' ? { downloadId: item.id, profileId: item.profileId } : null);
  if (item.profileId !== snapshot.profileId) return;
  const items = snapshot.items.some((i) => i.id === item.id) ? snapshot.items.map((i) => (i.id === item.id ? item : i)) : [...snapshot.items, item];
  publish({ ...snapshot, items });
}

export async function get(id: string): Promise<StoredDownload | undefined> {
  return (await database()).get('downloads', id);
}

export async function add(item: StoredDownload): Promise<void> {
  await (await database()).put('downloads', item);
  replace(item);
}

/** Changes a stored download in one transaction (read, change, write), so concurrent changes never undo each other. */
export async function change(id: string, patch: (item: StoredDownload) => Partial<StoredDownload>): Promise<StoredDownload | undefined> {
  const db = await database();
  const tx = db.transaction('downloads', 'readwrite');
  const item = await tx.store.get(id);
  if (!item) {
    await tx.done;
    return undefined;
  }
  const next = { ...item, ...patch(item), updatedAt: Date.now() };
  await tx.store.put(next);
  await tx.done;
  replace(next);
  return next;
}

/** Tells the screens about a record written elsewhere (the downloader's piece transactions). */
export function changed(item: StoredDownload): void {
  replace(item);
}

export function removed(item: StoredDownload): void {
  setReadyHint(item.playbackId, null);
  if (item.profileId !== snapshot.profileId) return;
  publish({ ...snapshot, items: snapshot.items.filter((i) => i.id !== item.id) });
}

export function forgetAll(): void {
  publish({ profileId: null, loaded: false, items: [] });
}
