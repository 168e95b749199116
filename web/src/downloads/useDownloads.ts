import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import type { StoredDownload } from '../offline/db';
import { hasDownloads } from '../offline/hint';

export type Manager = typeof import('../offline/manager');

const nothing = { profileId: null, loaded: false, items: [] as StoredDownload[] };
const noSubscription = () => () => undefined;

// The offline module, once any screen has loaded it: every control on the page then follows the same downloads.
let loadedManager: Manager | null = null;
let loading: Promise<Manager> | null = null;
const managerListeners = new Set<() => void>();

function loadManager(): Promise<Manager> {
  loading ??= import('../offline/manager').then(
    (module) => {
      module.listenForNetwork();
      loadedManager = module;
      managerListeners.forEach((listener) => listener());
      return module;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

function subscribeManager(listener: () => void): () => void {
  managerListeners.add(listener);
  return () => managerListeners.delete(listener);
}

/**
 * The profile's downloads for a screen, live (the downloader's progress included). The offline module loads when
 * this browser has downloads, or when `wanted` (the Downloads page, a download dialog being opened).
 */
export function useDownloads(profileId: string | null | undefined, wanted = false) {
  const manager = useSyncExternalStore(subscribeManager, () => loadedManager);
  const [failure, setFailure] = useState<string | null>(null);
  const load = wanted || hasDownloads();

  useEffect(() => {
    if (!load || manager) return;
    loadManager().catch(() => setFailure('The downloads could not be opened. Reload the page and try again.'));
  }, [load, manager]);

  useEffect(() => {
    if (manager && profileId) manager.startup(profileId).catch(() => setFailure('The downloads stored in this browser could not be read.'));
  }, [manager, profileId]);

  const snapshot = useSyncExternalStore(manager?.subscribe ?? noSubscription, manager?.current ?? (() => nothing));
  const mine = snapshot.profileId === profileId;
  return { manager, failure, loaded: mine && snapshot.loaded, items: mine ? snapshot.items : [] };
}

/** An error from a download action as a sentence: the origin's, the downloader's, or the browser's storage. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'This device ran out of storage space for downloads. Delete other downloads or free up space, then try again.';
  }
  if (error instanceof Error && error.name === 'DownloadProblem') return error.message;
  return 'Something went wrong with the download. Try again.';
}
