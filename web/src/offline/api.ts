import { api, query } from '../api/client';
import type { LicenceTerms } from './licence';

/** Where a download's media comes from: the edges' HLS, with a token marked as a download's. */
export interface DownloadMedia {
  multivariantUrl: string;
  token: string;
  tokenExpiresAt: string;
  /** Base addresses to try in order (the viewer's edges, the origin last). */
  baseUrls: string[];
}

/** A download licence (`DownloadView` of POST/GET /api/v1/downloads). */
export interface DownloadView extends LicenceTerms {
  id: string;
  titleId: string;
  episodeId: string | null;
  name: string;
  posterUrl: string | null;
  durationSeconds: number;
  deviceId: string;
  height: number;
  createdAt: string;
  /** The origin's clock when it answered: the device's clock must not go back behind it. */
  serverTime: string;
  /** Base64 of the 16-byte key that encrypts the stored segments; null unless active. Never stored as such. */
  key: string | null;
  /** The downloader's total rate cap in bytes a second; 0 for none. */
  maxBytesPerSecond: number;
  media: DownloadMedia | null;
}

export interface DownloadDevice {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string;
  downloads: number;
}

export interface DownloadDevices {
  limit: number;
  items: DownloadDevice[];
}

export interface LicenceRequest {
  titleId?: string;
  episodeId?: string;
  deviceId: string;
  deviceName?: string;
  height?: number;
}

const root = '/api/v1/downloads';

/** The origin's side of downloads (see the downloads contract): every refusal arrives as an ApiError with its sentence. */
export const downloadsApi = {
  /** A licence for a title or an episode on this device; the same one again (with the new height) if there is one. */
  licence: (request: LicenceRequest) => api.post<DownloadView>(root, request),
  /** The check-in: every licence of this device checked again, fresh tokens, and the deadline moved on. */
  checkIn: (deviceId: string) => api.get<{ items: DownloadView[] }>(`${root}${query({ deviceId })}`),
  remove: (id: string) => api.delete(`${root}/${encodeURIComponent(id)}`),
  renew: (id: string) => api.post<DownloadView>(`${root}/${encodeURIComponent(id)}/renew`),
  played: (id: string, at: string) => api.post<DownloadView>(`${root}/${encodeURIComponent(id)}/played`, { at }),
  devices: (signal?: AbortSignal) => api.get<DownloadDevices>(`${root}/devices`, { signal }),
  removeDevice: (id: string) => api.delete(`${root}/devices/${encodeURIComponent(id)}`),
};
