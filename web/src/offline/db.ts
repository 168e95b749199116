import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TitleView } from '../api/types';
import type { DownloadView } from './api';
import type { DownloadPlan } from './plan';

/**
 * Where a download is: waiting its turn, fetching, waiting for the network (it carries on by itself), paused by the
 * viewer, stopped by a problem, stored whole, or ended by its licence (its bytes gone, the record kept to say why).
 */
export type DownloadState = 'queued' | 'downloading' | 'waiting' | 'paused' | 'failed' | 'complete' | 'expired' | 'revoked';

/** What the viewer chose in the download dialog. */
export interface DownloadChoice {
  height: number;
  /** The audio rendition's name or language; null for the playlist's default. */
  audio: string | null;
  /** Subtitle languages to store. */
  subtitles: string[];
}

/** One download as this browser keeps it. The licence is the origin's last answer, without its key. */
export interface StoredDownload {
  id: string;
  profileId: string;
  /** The movie's or the episode's id: what the player plays. */
  playbackId: string;
  /** The movie's or the series' id. */
  titleId: string;
  licence: DownloadView;
  /** The title as the title page had it, so the player can name it and list the episodes without a network. */
  title: TitleView | null;
  poster: Blob | null;
  choice: DownloadChoice;
  /** What to fetch; null until the media playlists have been read. */
  plan: DownloadPlan | null;
  state: DownloadState;
  /** Why it is paused, failed, expired or revoked: a sentence to show. */
  problem: string | null;
  estimatedBytes: number;
  storedBytes: number;
  pieceCount: number;
  storedPieces: number;
  /** Where the viewer got to, played from storage. */
  position: { seconds: number; duration: number; at: number } | null;
  createdAt: number;
  updatedAt: number;
}

/** A stored piece (init section, segment or subtitle file), encrypted with the download's key (AES-GCM). */
export interface StoredPiece {
  key: string;
  downloadId: string;
  size: number;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Something to tell the origin once there is a network. */
export type QueuedReport =
  | { id?: number; kind: 'played'; downloadId: string; at: string }
  | { id?: number; kind: 'progress'; playbackId: string; positionSeconds: number; durationSeconds: number; at: string }
  | { id?: number; kind: 'delete'; downloadId: string };

interface OfflineSchema extends DBSchema {
  meta: { key: string; value: unknown };
  downloads: { key: string; value: StoredDownload; indexes: { 'by-profile': string } };
  /** The licence's key as a non-extractable CryptoKey; the raw bytes are never stored. */
  keys: { key: string; value: { downloadId: string; key: CryptoKey } };
  pieces: { key: string; value: StoredPiece; indexes: { 'by-download': string } };
  queue: { key: number; value: QueuedReport };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

let opened: Promise<OfflineDb> | null = null;

/** The downloads' database, opened once. */
export function database(): Promise<OfflineDb> {
  opened ??= openDB<OfflineSchema>('marquee-offline', 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('downloads', { keyPath: 'id' }).createIndex('by-profile', 'profileId');
      db.createObjectStore('keys', { keyPath: 'downloadId' });
      db.createObjectStore('pieces', { keyPath: 'key' }).createIndex('by-download', 'downloadId');
      db.createObjectStore('queue', { keyPath: 'id', autoIncrement: true });
    },
    blocking() {
      // A newer version of the app wants to upgrade the database: let it.
      void opened?.then((db) => db.close());
      opened = null;
    },
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

export async function meta<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('meta', key)) as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await (await database()).put('meta', value, key);
}

/** Every stored piece key of a download: what is already there, so a resumed download skips it. */
export async function storedPieceKeys(downloadId: string): Promise<Set<string>> {
  const keys = await (await database()).getAllKeysFromIndex('pieces', 'by-download', downloadId);
  return new Set(keys);
}

/** Deletes a download's pieces and key (what makes it playable), keeping its record. */
export async function discardBytes(downloadId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['pieces', 'keys'], 'readwrite');
  // Piece keys start with the download's id and a slash (plan.ts, pieceKey).
  await Promise.all([tx.objectStore('pieces').delete(IDBKeyRange.bound(`${downloadId}/`, `${downloadId}/\uffff`)), tx.objectStore('keys').delete(downloadId), tx.done]);
}

/** Deletes a download entirely. */
export async function deleteDownload(downloadId: string): Promise<void> {
  await discardBytes(downloadId);
  await (await database()).delete('downloads', downloadId);
}
