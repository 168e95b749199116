import type { TitleView } from '../api/types';
import { formatBytes } from '../ui/format';
import { downloadsApi, type DownloadView } from './api';
import { importKey } from './crypto';
import { database, discardBytes, meta, setMeta, type DownloadChoice, type StoredDownload } from './db';
import { deviceId, deviceName, noteServerTime } from './device';
import { kick } from './downloader';
import { DownloadProblem, fetchPiece, mediaPath } from './fetcher';
import { defaultHeight, estimateBytes, fitsInStorage, parseMultivariant, qualityHeights, variantForHeight, type Multivariant } from './hls';
import * as store from './store';
import { withoutKey } from './sync';

/** A title or an episode to download, with the title as the title page has it (kept for offline playback). */
export interface DownloadTarget {
  titleId: string;
  episodeId: string | null;
  title: TitleView;
  /** The plan's highest quality, to ask the origin for every rung the viewer may pick. */
  maxHeight: number;
}

/** What the download dialog offers: the licence, the rungs with their sizes, audio and subtitles, and the room left. */
export interface Offer {
  target: DownloadTarget;
  licence: DownloadView;
  multivariant: Multivariant;
  qualities: { height: number; bytes: number }[];
  defaultHeight: number;
  durationSeconds: number;
  storage: StorageInfo;
}

export interface StorageInfo {
  quota: number | undefined;
  usage: number | undefined;
  persisted: boolean;
}

export async function storageInfo(): Promise<StorageInfo> {
  const estimate = navigator.storage?.estimate ? await navigator.storage.estimate() : {};
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : false;
  return { quota: estimate.quota, usage: estimate.usage, persisted };
}

/** The sentence that refuses a download too big for the room left, or null when it fits. */
export function roomProblem(bytes: number, storage: StorageInfo): string | null {
  if (fitsInStorage(bytes, { quota: storage.quota, usage: storage.usage })) return null;
  const free = Math.max(0, (storage.quota ?? 0) - (storage.usage ?? 0));
  return `This download needs about ${formatBytes(bytes)}, but this browser has only ${formatBytes(free)} of storage left for Marquee. Delete other downloads or free up space on this device, then try again.`;
}

/** How long the title or episode is: the licence says, else the catalog. */
function durationOf(licence: DownloadView, target: DownloadTarget): number {
  const episode = target.episodeId ? target.title.seasons.flatMap((s) => s.episodes).find((e) => e.id === target.episodeId) : undefined;
  return licence.durationSeconds ?? (episode ? episode.media.durationSeconds : target.title.durationSeconds) ?? 0;
}

async function multivariantOf(licence: DownloadView): Promise<Multivariant> {
  const media = licence.media;
  if (!media) throw new DownloadProblem('licence', licence.reason ?? 'This download is not licensed.');
  const preferred = { index: 0 };
  const text = await fetchPiece(mediaPath(media.multivariantUrl, media), { media: () => media, refresh: async () => false, preferred }, new AbortController().signal, true);
  return parseMultivariant(text as string);
}

async function askLicence(target: DownloadTarget, height: number): Promise<DownloadView> {
  const device = await deviceId(true);
  if (!device) throw new Error('no device id');
  const licence = await downloadsApi.licence({
    titleId: target.episodeId ? null : target.titleId,
    episodeId: target.episodeId,
    deviceId: device,
    deviceName: deviceName(),
    height,
  });
  await noteServerTime(licence.serverTime);
  return licence;
}

/**
 * Asks for the licence first, so a refusal (plan, device limit, region) comes before anything is fetched, at the
 * plan's highest quality so every rung the viewer may pick is in the playlist; then reads the playlist for the
 * sizes of the rungs. Nothing is stored yet.
 */
export async function prepare(target: DownloadTarget): Promise<Offer> {
  const licence = await askLicence(target, target.maxHeight);
  const multivariant = await multivariantOf(licence);
  const durationSeconds = durationOf(licence, target);
  const qualities = qualityHeights(multivariant.variants)
    .filter((height) => height <= licence.height)
    .flatMap((height) => {
      const variant = variantForHeight(multivariant.variants, height);
      return variant ? [{ height, bytes: estimateBytes(variant, durationSeconds) }] : [];
    });
  const fallback = defaultHeight(
    qualities.map((q) => q.height),
    Math.min(720, licence.height),
  );
  if (fallback === undefined) throw new DownloadProblem('other', 'This title has no version that can be downloaded.');
  return { target, licence, multivariant, qualities, defaultHeight: fallback, durationSeconds, storage: await storageInfo() };
}

/** The dialog was closed without downloading: the licence is given back unless this browser stores it already. */
export async function cancel(offer: Offer): Promise<void> {
  if (await store.get(offer.licence.id)) return;
  await downloadsApi.remove(offer.licence.id).catch(() => undefined);
}

/**
 * Asks once, on the first download, for storage the browser will not clear under pressure. Not awaited: Firefox asks
 * the viewer in a prompt of its own, which may stay unanswered while the download goes on.
 */
async function askPersistence(): Promise<void> {
  if (await meta<boolean>('persistAsked')) return;
  await setMeta('persistAsked', true);
  if (navigator.storage?.persist) void navigator.storage.persist().catch(() => false);
}

async function posterOf(url: string | null): Promise<Blob | null> {
  if (!url) return null;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

/**
 * Starts a download with the viewer's choice: the licence at the chosen height, refused before anything is fetched
 * when it would not fit, its key imported (non-extractable) and stored, then queued for the downloader.
 */
export async function start(offer: Offer, choice: DownloadChoice, profileId: string): Promise<StoredDownload> {
  const licence = choice.height === offer.licence.height ? offer.licence : await askLicence(offer.target, choice.height);
  const multivariant = licence === offer.licence ? offer.multivariant : await multivariantOf(licence);
  const variant = variantForHeight(multivariant.variants, licence.height);
  if (!variant) throw new DownloadProblem('other', `This title has no ${licence.height}p version to download.`);
  const bytes = estimateBytes(variant, durationOf(licence, offer.target));
  const room = roomProblem(bytes, await storageInfo());
  if (room) throw new DownloadProblem('storage', room);
  if (!licence.key) throw new DownloadProblem('licence', licence.reason ?? 'This download is not licensed.');
  const existing = await store.get(licence.id);
  if (existing?.state === 'complete') return existing;
  // Anything left of an earlier attempt (ended, or another choice) goes: this is a fresh start.
  if (existing) await discardBytes(existing.id);
  await askPersistence();
  const key = await importKey(licence.key);
  const item: StoredDownload = {
    id: licence.id,
    profileId,
    playbackId: offer.target.episodeId ?? offer.target.titleId,
    titleId: offer.target.titleId,
    licence: withoutKey(licence),
    title: offer.target.title,
    poster: await posterOf(licence.posterUrl ?? offer.target.title.poster),
    choice,
    plan: null,
    state: 'queued',
    problem: null,
    estimatedBytes: bytes,
    storedBytes: 0,
    pieceCount: 0,
    storedPieces: 0,
    position: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
  };
  await (await database()).put('keys', { downloadId: licence.id, key });
  await store.add(item);
  kick();
  return item;
}

/** The episodes of a season that can be downloaded, in order. */
export function seasonEpisodes(title: TitleView, seasonId: string) {
  const season = title.seasons.find((s) => s.id === seasonId);
  return season ? [...season.episodes].sort((a, b) => a.number - b.number).filter((e) => e.media.status === 'ready') : [];
}
