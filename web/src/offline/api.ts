import { api, query, type Schemas } from '../api/client';

/** A download licence (POST/GET /api/v1/downloads): its terms, and while active its key and media. */
export type DownloadView = Schemas['DownloadView'];
/** Where a download's media comes from: the edges' HLS with a download token, and the bases to try in order. */
export type DownloadMedia = Schemas['DownloadMedia'];
export type DownloadDevice = Schemas['DeviceView'];
export type DownloadDevices = Schemas['DevicesView'];
export type LicenceRequest = Schemas['DownloadRequest'];
export type PlayedRequest = Schemas['PlayedRequest'];

const root = '/api/v1/downloads';

/** The origin's side of downloads: every refusal arrives as an ApiError with its sentence. */
export const downloadsApi = {
  /** A licence for a movie or an episode on this device; the same one again (with the new height) if there is one. */
  licence: (request: LicenceRequest) => api.post<DownloadView>(root, request),
  /** The check-in: every licence of this device checked again, fresh tokens, and the deadline moved on. */
  checkIn: (deviceId: string) => api.get<Schemas['DownloadsView']>(`${root}${query({ deviceId })}`),
  remove: (id: string) => api.delete(`${root}/${encodeURIComponent(id)}`),
  renew: (id: string) => api.postEmpty<DownloadView>(`${root}/${encodeURIComponent(id)}/renew`),
  played: (id: string, at: string) => api.post<DownloadView>(`${root}/${encodeURIComponent(id)}/played`, { at } satisfies PlayedRequest),
  devices: (signal?: AbortSignal) => api.get<DownloadDevices>(`${root}/devices`, { signal }),
  removeDevice: (id: string) => api.delete(`${root}/devices/${encodeURIComponent(id)}`),
};
