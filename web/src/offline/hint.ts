/**
 * What the rest of the app needs to know about downloads without loading the offline module (IndexedDB, WebCrypto,
 * the downloader): whether this browser has ever downloaded (so the app checks in at start), and which titles and
 * episodes are stored complete (so the player plays them from storage). A copy in localStorage of what IndexedDB
 * holds, kept by the offline module; the module itself decides, this only says when to ask it.
 */
const deviceKey = 'marquee.downloads.device';
const readyKey = 'marquee.downloads.ready';

/** A stored, complete download of a title or an episode (its playback id), for a profile. */
export interface ReadyHint {
  downloadId: string;
  profileId: string;
}

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused: the hint is only a shortcut, IndexedDB still holds the downloads.
  }
}

/** Whether this browser has a download device id, i.e. has downloaded something. */
export function hasDownloads(): boolean {
  return read<string>(deviceKey) !== null;
}

/** This browser's download device id, if it has one. */
export function deviceHint(): string | null {
  return read<string>(deviceKey);
}

export function setDeviceHint(deviceId: string | null): void {
  write(deviceKey, deviceId);
}

function readyMap(): Record<string, ReadyHint> {
  return read<Record<string, ReadyHint>>(readyKey) ?? {};
}

/** The complete download of this title or episode, if there is one in this browser. */
export function readyDownloadFor(playbackId: string): ReadyHint | null {
  return readyMap()[playbackId] ?? null;
}

export function setReadyHint(playbackId: string, hint: ReadyHint | null): void {
  const map = readyMap();
  if (hint) map[playbackId] = hint;
  else delete map[playbackId];
  write(readyKey, Object.keys(map).length ? map : null);
}

/** Forgets every hint (the downloads were deleted). */
export function clearHints(): void {
  write(readyKey, null);
  write(deviceKey, null);
}
