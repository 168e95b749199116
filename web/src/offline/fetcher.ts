import type { DownloadMedia } from './api';
import { RateLimit } from './rateLimit';

/** A sentence for the viewer; the downloader stops and shows it. */
export class DownloadProblem extends Error {
  /** 'network': no server answered (resumes by itself when the network returns); 'licence': refused, check in. */
  readonly kind: 'network' | 'licence' | 'storage' | 'other';

  constructor(kind: DownloadProblem['kind'], message: string) {
    super(message);
    this.name = 'DownloadProblem';
    this.kind = kind;
  }
}

export const networkGone = 'The network went away. The download carries on by itself when you are back online.';

/** The downloader's total rate cap, shared by every fetch of every download (the licence sets it). */
export const rateLimit = new RateLimit(
  0,
  () => performance.now(),
  (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
);

/**
 * A media address as a path under the media's base addresses (`media/{asset}/v1/seg-3-00001.m4s`), without its
 * token, so it can be fetched again from any edge with a fresh token; an address under none of them stays whole.
 */
export function mediaPath(url: string, media: DownloadMedia): string {
  const address = new URL(url);
  address.search = '';
  address.hash = '';
  const text = address.toString();
  const base = baseUrls(media).find((b) => text.startsWith(b));
  return base ? text.slice(base.length) : text;
}

/** The base addresses, best first, each ending in a slash; the multivariant playlist's own first if it is not listed. */
export function baseUrls(media: DownloadMedia): string[] {
  const bases = media.baseUrls.map((b) => (b.endsWith('/') ? b : `${b}/`));
  const own = bases.find((b) => media.multivariantUrl.startsWith(b));
  if (own) return [own, ...bases.filter((b) => b !== own)];
  return [`${new URL(media.multivariantUrl).origin}/`, ...bases];
}

function withToken(base: string, path: string, token: string): string {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path, base);
  url.searchParams.set('token', token);
  return url.toString();
}

/** Reads a response's body through the rate cap, a chunk at a time: a reader that waits slows the transfer itself. */
async function readLimited(response: Response, signal: AbortSignal): Promise<ArrayBuffer> {
  if (!response.body || rateLimit.rate <= 0) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    await rateLimit.take(value.byteLength);
    if (signal.aborted) {
      await reader.cancel();
      throw signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

export interface FetchTarget {
  /** The licence's media now; asked again after a refreshed token. */
  media: () => DownloadMedia;
  /** A 410 (the token expired): get a fresh one (the check-in); resolves to false when the licence is gone. */
  refresh: () => Promise<boolean>;
  /** The base that answered last, tried first next time. */
  preferred: { index: number };
}

/**
 * Fetches one piece: from the base that answered last, then each other base in order on a network error or a
 * server error (the edges' failover, as the player's Content Steering does it), with a fresh token after a 410.
 */
export async function fetchPiece(path: string, target: FetchTarget, signal: AbortSignal, asText = false): Promise<ArrayBuffer | string> {
  let refreshed = false;
  let networkErrors = 0;
  let lastStatus = 0;
  const count = baseUrls(target.media()).length;
  for (let attempt = 0; attempt < count; attempt++) {
    const bases = baseUrls(target.media());
    const index = (target.preferred.index + attempt) % bases.length;
    const base = bases[index] ?? '';
    let response: Response;
    try {
      response = await fetch(withToken(base, path, target.media().token), { signal, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      if (signal.aborted) throw error;
      networkErrors++;
      continue;
    }
    if (response.ok) {
      target.preferred.index = index;
      return asText ? response.text() : readLimited(response, signal);
    }
    lastStatus = response.status;
    if (response.status === 410 && !refreshed) {
      // The token expired: the same base again with a fresh one.
      refreshed = true;
      if (!(await target.refresh())) throw new DownloadProblem('licence', 'This download is no longer licensed.');
      attempt--;
      continue;
    }
    if (response.status === 401 || response.status === 403 || response.status === 451) {
      throw new DownloadProblem('licence', 'The edge refused this download.');
    }
  }
  if (networkErrors > 0 && lastStatus === 0) throw new DownloadProblem('network', networkGone);
  throw new DownloadProblem('other', `The download could not be fetched: every server answered with an error (the last one ${lastStatus}). Try again later.`);
}
