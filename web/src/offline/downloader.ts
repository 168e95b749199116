import { encrypt } from './crypto';
import { database, storedPieceKeys, type DownloadChoice, type StoredDownload } from './db';
import { DownloadProblem, fetchPiece, mediaPath, baseUrls, networkGone, rateLimit, type FetchTarget } from './fetcher';
import { parseMediaPlaylist, parseMultivariant, variantForHeight, type Rendition } from './hls';
import { pieceKey, pieces, type DownloadPlan, type PieceRef, type TrackPlan } from './plan';
import { whenUnreachable } from './reconnect';
import * as store from './store';

/** Segments fetched at once per download, as Shaka Player does by default. */
const parallel = 3;

export const outOfSpace = 'This device ran out of storage space for downloads. Delete other downloads or free up space, then resume.';

interface Run {
  stop: AbortController;
  /** Stopped by the viewer (pause, delete) rather than by a problem. */
  byViewer: boolean;
}

const running = new Map<string, Run>();
const preferredBase = new Map<string, { index: number }>();
let refreshLicences: () => Promise<void> = async () => undefined;

/** How a 410 gets fresh tokens: the check-in (sync.ts), given here so the two modules do not import each other. */
export function setTokenRefresher(refresh: () => Promise<void>): void {
  refreshLicences = refresh;
}

function targetOf(id: string, item: StoredDownload): FetchTarget {
  let media = item.licence.media;
  const preferred = preferredBase.get(id) ?? { index: 0 };
  preferredBase.set(id, preferred);
  return {
    media: () => {
      if (!media) throw new DownloadProblem('licence', 'This download is no longer licensed.');
      return media;
    },
    refresh: async () => {
      await refreshLicences();
      const fresh = await store.get(id);
      media = fresh?.licence.status === 'active' ? fresh.licence.media : null;
      return media !== null;
    },
    preferred,
  };
}

function subtitleTrackId(language: string, taken: Set<string>): string {
  const base = `sub-${language.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'und'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function chooseAudio(renditions: Rendition[], wanted: string | null): Rendition | undefined {
  return renditions.find((r) => wanted !== null && (r.name === wanted || r.language === wanted)) ?? renditions.find((r) => r.isDefault) ?? renditions[0];
}

/**
 * Reads the licence's playlists into what to fetch: the variant at the granted height, the audio rendition and the
 * chosen subtitles, each as paths under the media's base (without tokens), so a resumed download can fetch them
 * again from any edge with a fresh token.
 */
async function makePlan(item: StoredDownload, target: FetchTarget, signal: AbortSignal): Promise<DownloadPlan> {
  const media = target.media();
  const masterPath = mediaPath(media.multivariantUrl, media);
  const base = baseUrls(media)[0] ?? '';
  const at = (path: string) => (/^https?:\/\//.test(path) ? path : base + path);
  const text = async (path: string) => (await fetchPiece(path, target, signal, true)) as string;
  const master = parseMultivariant(await text(masterPath));
  const variant = variantForHeight(master.variants, item.licence.height);
  if (!variant) throw new DownloadProblem('other', `This title has no ${item.licence.height}p version to download.`);
  const relative = (uri: string, playlistPath: string) => mediaPath(new URL(uri, at(playlistPath)).toString(), media);

  async function track(kind: TrackPlan['kind'], id: string, uri: string, name: string, language: string): Promise<TrackPlan> {
    const path = relative(uri, masterPath);
    const playlist = parseMediaPlaylist(await text(path));
    return {
      id,
      kind,
      targetDuration: playlist.targetDuration,
      init: playlist.init ? relative(playlist.init, path) : null,
      segments: playlist.segments.map((s) => ({ path: relative(s.uri, path), duration: s.duration })),
      name,
      language,
    };
  }

  const choice: DownloadChoice = item.choice;
  const tracks = [await track('video', 'video', variant.uri, `${item.licence.height}p`, 'und')];
  const audio = chooseAudio(master.audio.filter((r) => r.groupId === variant.audioGroup), choice.audio);
  if (audio) tracks.push(await track('audio', 'audio', audio.uri, audio.name, audio.language));
  const taken = new Set<string>();
  for (const subtitle of master.subtitles.filter((r) => r.groupId === variant.subtitleGroup && choice.subtitles.includes(r.language))) {
    tracks.push(await track('subtitles', subtitleTrackId(subtitle.language, taken), subtitle.uri, subtitle.name, subtitle.language));
  }
  return {
    height: item.licence.height,
    width: variant.width,
    bandwidth: variant.bandwidth,
    averageBandwidth: variant.averageBandwidth,
    codecs: variant.codecs,
    frameRate: variant.frameRate,
    tracks,
  };
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || (error.name === 'UnknownError' && /space|quota|disk/i.test(error.message)));
}

/** Encrypts a piece and stores it with the download's counters in one transaction: a piece is there whole or not at all. */
async function storePiece(id: string, piece: PieceRef, bytes: ArrayBuffer, key: CryptoKey): Promise<void> {
  const sealed = await encrypt(key, bytes);
  const db = await database();
  // Relaxed: the piece and its count are still written together or not at all; a power cut may only lose the last
  // pieces, which are fetched again, rather than every piece waiting for the disk to flush.
  const tx = db.transaction(['pieces', 'downloads'], 'readwrite', { durability: 'relaxed' });
  try {
    const item = await tx.objectStore('downloads').get(id);
    if (!item) {
      tx.abort();
      return;
    }
    const key = pieceKey(id, piece.track, piece.index);
    // Paused and resumed at once, two runs may fetch the same piece: it counts once.
    const again = (await tx.objectStore('pieces').getKey(key)) !== undefined;
    await tx.objectStore('pieces').put({ key, downloadId: id, size: bytes.byteLength, iv: sealed.iv, data: sealed.data });
    if (again) {
      await tx.done;
      return;
    }
    const next: StoredDownload = { ...item, storedPieces: item.storedPieces + 1, storedBytes: item.storedBytes + sealed.data.byteLength, updatedAt: Date.now() };
    await tx.objectStore('downloads').put(next);
    await tx.done;
    store.changed(next);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError' && !(await store.get(id))) return;
    if (isQuotaError(error) || isQuotaError(tx.error)) throw new DownloadProblem('storage', outOfSpace);
    throw error;
  }
}

async function keyOf(id: string): Promise<CryptoKey> {
  const stored = await (await database()).get('keys', id);
  if (!stored) throw new DownloadProblem('licence', 'This download has no key any more. Delete it and download it again.');
  return stored.key;
}

/** Fetches what is missing of a download, three pieces at a time, and marks it complete. */
async function run(id: string): Promise<void> {
  const current: Run = { stop: new AbortController(), byViewer: false };
  running.set(id, current);
  const signal = current.stop.signal;
  // Phases for bench/downloads' timeline (DOWNLOADS_TIMELINE=1).
  performance.mark('marquee:download-start');
  let failure: unknown = null;
  try {
    let item = await store.change(id, () => ({ state: 'downloading', problem: null }));
    if (!item) return;
    rateLimit.setRate(item.licence.maxBytesPerSecond);
    const key = await keyOf(id);
    const target = targetOf(id, item);
    if (!item.plan) {
      const plan = await makePlan(item, target, signal);
      item = await store.change(id, () => ({ plan, pieceCount: pieces(plan).length }));
    }
    const plan = item?.plan;
    performance.mark('marquee:download-planned');
    if (!plan) return;
    // What is stored already is not fetched again: a download resumes from its last complete piece.
    const stored = await storedPieceKeys(id);
    await store.change(id, () => ({ storedPieces: stored.size }));
    const todo = pieces(plan).filter((p) => !stored.has(pieceKey(id, p.track, p.index)));
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !signal.aborted) {
        const piece = todo[next++];
        if (!piece) return;
        try {
          const bytes = (await fetchPiece(piece.path, target, signal)) as ArrayBuffer;
          if (signal.aborted) return;
          await storePiece(id, piece, bytes, key);
        } catch (error) {
          if (signal.aborted) return;
          failure = error;
          current.stop.abort();
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    performance.mark('marquee:download-fetched');
    if (failure) throw failure;
    if (signal.aborted) return;
    const stillThere = await store.get(id);
    if (stillThere && stillThere.storedPieces >= stillThere.pieceCount) await store.change(id, () => ({ state: 'complete', problem: null }));
    performance.mark('marquee:download-complete');
  } catch (error) {
    if (!current.byViewer) await failed(id, error);
  } finally {
    if (running.get(id) === current) running.delete(id);
    kick();
  }
}

/** A download stopped by a problem: waiting for the network, or failed with the sentence to show. */
async function failed(id: string, error: unknown): Promise<void> {
  if (error instanceof DownloadProblem && error.kind === 'network') {
    await store.change(id, () => ({ state: 'waiting', problem: networkGone }));
    whenUnreachable();
    return;
  }
  if (error instanceof DownloadProblem && error.kind === 'licence') {
    // The check-in says why (and ends the licence here if it ended there).
    await refreshLicences().catch(() => undefined);
    const item = await store.get(id);
    if (item?.state === 'expired' || item?.state === 'revoked') return;
  }
  const message =
    error instanceof DownloadProblem
      ? error.message
      : isQuotaError(error)
        ? outOfSpace
        : `The download stopped: ${error instanceof Error ? error.message : String(error)}. Try resuming it.`;
  await store.change(id, () => ({ state: 'failed', problem: message }));
}

/** Starts the next download waiting its turn, one at a time (each fetches three pieces at once). */
export function kick(): void {
  if (running.size > 0) return;
  const next = store.current().items.find((i) => i.state === 'downloading' || i.state === 'queued');
  if (next) void run(next.id);
}

export function isRunning(id: string): boolean {
  return running.has(id);
}

/** Stops a download's fetches (pause, delete, an ended licence); its state is the caller's to set. */
export function stop(id: string): void {
  const current = running.get(id);
  if (!current) return;
  current.byViewer = true;
  current.stop.abort();
  running.delete(id);
}

/** The network is back: downloads that waited for it carry on. */
export async function resumeWaiting(): Promise<void> {
  for (const item of store.current().items.filter((i) => i.state === 'waiting')) {
    await store.change(item.id, () => ({ state: 'queued', problem: null }));
  }
  kick();
}
