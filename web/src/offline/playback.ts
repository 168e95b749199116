import { LoadStats, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext } from 'hls.js';
import type { TitleView } from '../api/types';
import { decrypt } from './crypto';
import { database, type StoredDownload } from './db';
import { latestSeenBeforeNow } from './device';
import { afterFirstPlay, verdict } from './licence';
import { localMediaPlaylist, localMultivariant, pieceKey, pieceOf, playlistOf, type DownloadPlan } from './plan';
import * as store from './store';
import { endDownload, enqueueProgress, enqueue, flush } from './sync';

/** A stored download, opened for the player: its local playlist, the loader that reads it, and where it got to. */
export interface OfflineSource {
  downloadId: string;
  /** The local multivariant playlist's address (never fetched: the loader answers it). */
  url: string;
  loader: new (config: HlsConfig) => Loader<LoaderContext>;
  title: TitleView | null;
  /** The stored rung's height. */
  height: number;
  resumeAt: number | null;
  /** Keeps the position here and queues it for the origin. */
  savePosition: (seconds: number, duration: number) => Promise<void>;
  /** The first play: starts the licence's play window here and tells the origin (now, or when the network returns). */
  firstPlay: () => Promise<void>;
  /** Sends what is queued if there is a network (the player closes). */
  flush: () => void;
}

export type OfflineOpening = { kind: 'missing' } | { kind: 'refused'; reason: string } | { kind: 'ready'; source: OfflineSource };

const decoder = new TextDecoder();

async function readPiece(downloadId: string, key: CryptoKey, track: string, index: number): Promise<ArrayBuffer> {
  const piece = await (await database()).get('pieces', pieceKey(downloadId, track, index));
  if (!piece) throw new Error(`piece ${track}/${index} of ${downloadId} is not stored`);
  return decrypt(key, piece.iv, piece.data);
}

/** An hls.js loader that answers the download's local addresses from IndexedDB, decrypting as it reads. */
function loaderFor(downloadId: string, base: string, plan: DownloadPlan, key: CryptoKey): new (config: HlsConfig) => Loader<LoaderContext> {
  async function answer(context: LoaderContext): Promise<string | ArrayBuffer> {
    const playlist = playlistOf(base, context.url);
    if (playlist === 'master') return localMultivariant(base, plan);
    const track = plan.tracks.find((t) => t.id === playlist);
    if (track) return localMediaPlaylist(base, track);
    const piece = pieceOf(base, plan, context.url);
    if (!piece) throw new Error(`${context.url} is not part of this download`);
    const bytes = await readPiece(downloadId, key, piece.track.id, piece.index);
    return context.responseType === 'arraybuffer' ? bytes : decoder.decode(bytes);
  }

  return class OfflineLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats = new LoadStats();
    private aborted = false;

    load(context: LoaderContext, _config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const stats = this.stats;
      stats.loading.start = performance.now();
      answer(context).then(
        (data) => {
          if (this.aborted) return;
          const size = typeof data === 'string' ? data.length : data.byteLength;
          stats.loading.first = stats.loading.end = performance.now();
          stats.loaded = stats.total = size;
          callbacks.onSuccess({ url: context.url, data, code: 200 }, stats, context, null);
        },
        (error: unknown) => {
          if (this.aborted) return;
          callbacks.onError({ code: 404, text: error instanceof Error ? error.message : String(error) }, context, null, stats);
        },
      );
    }

    abort(): void {
      this.aborted = true;
      this.stats.aborted = true;
    }

    destroy(): void {
      this.abort();
      this.context = null;
    }
  };
}

/**
 * Opens a complete download for the player, after checking its licence here (no network needed): active, before its
 * expiry and check-in deadline, and the clock not set back. A download that can never play again loses its bytes
 * and key now, and says why.
 */
export async function openOffline(downloadId: string, playbackId: string, profileId: string): Promise<OfflineOpening> {
  const item = await store.get(downloadId);
  if (!item || item.playbackId !== playbackId || item.profileId !== profileId) return { kind: 'missing' };
  if (item.state === 'expired' || item.state === 'revoked') return { kind: 'refused', reason: item.problem ?? 'This download has ended.' };
  if (item.state !== 'complete' || !item.plan) return { kind: 'missing' };
  const check = verdict(item.licence, Date.now(), await latestSeenBeforeNow());
  if (!check.playable) {
    if (check.discard) await endDownload(item.id, item.licence.status === 'revoked' ? 'revoked' : 'expired', check.reason);
    return { kind: 'refused', reason: check.reason };
  }
  const stored = await (await database()).get('keys', item.id);
  if (!stored) return { kind: 'refused', reason: 'This download has no key any more. Delete it and download it again.' };
  const base = `${window.location.origin}/offline/${encodeURIComponent(item.id)}`;
  return { kind: 'ready', source: sourceOf(item, item.plan, base, stored.key) };
}

function sourceOf(item: StoredDownload, plan: DownloadPlan, base: string, key: CryptoKey): OfflineSource {
  const flushIfOnline = () => {
    if (navigator.onLine) void flush().catch(() => undefined);
  };
  return {
    downloadId: item.id,
    url: `${base}/master.m3u8`,
    loader: loaderFor(item.id, base, plan, key),
    title: item.title,
    height: plan.height,
    // Near the end counts as finished: start again from the top.
    resumeAt: item.position && item.position.seconds < item.position.duration - 10 ? item.position.seconds : null,
    savePosition: async (seconds, duration) => {
      const at = Date.now();
      await store.change(item.id, () => ({ position: { seconds, duration, at } }));
      await enqueueProgress({ kind: 'progress', playbackId: item.playbackId, positionSeconds: seconds, durationSeconds: duration, at: new Date(at).toISOString() });
    },
    firstPlay: async () => {
      const now = await store.get(item.id);
      if (!now || now.licence.firstPlayedAt) return;
      const at = Date.now();
      await store.change(item.id, (current) => ({ licence: afterFirstPlay(current.licence, at) }));
      await enqueue({ kind: 'played', downloadId: item.id, at: new Date(at).toISOString() });
      flushIfOnline();
    },
    flush: flushIfOnline,
  };
}
