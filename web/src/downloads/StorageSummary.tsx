import { useEffect, useState } from 'react';
import type { StoredDownload } from '../offline/db';
import { formatBytes } from '../ui/format';
import type { Manager } from './useDownloads';

type StorageInfo = Awaited<ReturnType<Manager['storageInfo']>>;

/**
 * How much the downloads take and how much room is left (navigator.storage.estimate), and whether the browser keeps
 * them under storage pressure (persistent storage), with a way to ask for it.
 */
export function StorageSummary({ manager, items }: { manager: Manager; items: StoredDownload[] }) {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [asked, setAsked] = useState(false);
  const stored = items.reduce((sum, item) => sum + item.storedBytes, 0);

  useEffect(() => {
    let cancelled = false;
    manager.storageInfo().then(
      (value) => {
        if (!cancelled) setInfo(value);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [manager, stored]);

  async function persist() {
    setAsked(true);
    // Firefox answers once the viewer has answered its prompt.
    await navigator.storage?.persist?.().catch(() => false);
    setInfo(await manager.storageInfo());
  }

  if (!info) return null;
  const free = info.quota !== undefined ? Math.max(0, info.quota - (info.usage ?? 0)) : null;
  return (
    <section className="panel storage-summary" aria-labelledby="storage-title">
      <h2 id="storage-title">Storage on this device</h2>
      <p>
        Downloads use <strong>{formatBytes(stored)}</strong>
        {free !== null && (
          <>
            {' '}
            · <strong>{formatBytes(free)}</strong> free for Marquee
          </>
        )}
      </p>
      {info.persisted ? (
        <p className="storage-persistent">Storage is persistent: the browser keeps your downloads even when space runs low.</p>
      ) : (
        <p className="storage-persistent">
          Storage is not persistent: the browser may clear your downloads when the device runs low on space.{' '}
          {!asked && 'persist' in (navigator.storage ?? {}) && (
            <button type="button" className="button button-small" onClick={() => void persist()}>
              Keep my downloads
            </button>
          )}
          {asked && 'The browser did not allow it; installing Marquee as an app usually does.'}
        </p>
      )}
    </section>
  );
}
