/**
 * The HLS (RFC 8216) a download needs: the multivariant playlist's variants and renditions, a media playlist's init
 * section and segments, the variant at a height, and the size a rung will take on the device. Pure functions, no DOM,
 * so `npm test` runs them in Node.
 */

export interface Variant {
  uri: string;
  /** Peak bits per second, audio included (RFC 8216 4.3.4.2). */
  bandwidth: number;
  /** Average bits per second, audio included; the peak when the playlist has no AVERAGE-BANDWIDTH. */
  averageBandwidth: number;
  width: number;
  height: number;
  codecs: string;
  frameRate: number | null;
  audioGroup: string | null;
  subtitleGroup: string | null;
}

export interface Rendition {
  type: 'AUDIO' | 'SUBTITLES';
  groupId: string;
  name: string;
  language: string;
  uri: string;
  isDefault: boolean;
  channels: string | null;
}

export interface Multivariant {
  variants: Variant[];
  audio: Rendition[];
  subtitles: Rendition[];
}

export interface Segment {
  uri: string;
  duration: number;
}

export interface MediaPlaylist {
  targetDuration: number;
  /** The EXT-X-MAP section (fMP4 init), when there is one. */
  init: string | null;
  segments: Segment[];
}

/** An attribute list (`KEY=VALUE,KEY="quoted, value"`) as a record; quoted values lose their quotes. */
export function parseAttributes(list: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
  for (const match of list.matchAll(pattern)) {
    const key = match[1];
    const raw = match[2] ?? '';
    if (key) attributes[key] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return attributes;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function tagValue(line: string, tag: string): string | null {
  return line.startsWith(`${tag}:`) ? line.slice(tag.length + 1) : null;
}

/** The variants (in playlist order) and the audio and subtitle renditions of a multivariant playlist. */
export function parseMultivariant(text: string): Multivariant {
  const all = lines(text);
  if (all[0] !== '#EXTM3U') throw new Error('not an HLS playlist');
  const result: Multivariant = { variants: [], audio: [], subtitles: [] };
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? '';
    const media = tagValue(line, '#EXT-X-MEDIA');
    if (media !== null) {
      const a = parseAttributes(media);
      if ((a.TYPE === 'AUDIO' || a.TYPE === 'SUBTITLES') && a.URI) {
        const rendition: Rendition = {
          type: a.TYPE,
          groupId: a['GROUP-ID'] ?? '',
          name: a.NAME ?? a.LANGUAGE ?? '',
          language: a.LANGUAGE ?? 'und',
          uri: a.URI,
          isDefault: a.DEFAULT === 'YES',
          channels: a.CHANNELS ?? null,
        };
        (a.TYPE === 'AUDIO' ? result.audio : result.subtitles).push(rendition);
      }
      continue;
    }
    const inf = tagValue(line, '#EXT-X-STREAM-INF');
    if (inf === null) continue;
    const uri = all[i + 1];
    if (!uri || uri.startsWith('#')) continue;
    i++;
    const a = parseAttributes(inf);
    const [width, height] = (a.RESOLUTION ?? '0x0').split('x').map((n) => Number.parseInt(n, 10) || 0);
    const bandwidth = Number.parseInt(a.BANDWIDTH ?? '0', 10) || 0;
    const frameRate = a['FRAME-RATE'] ? Number.parseFloat(a['FRAME-RATE']) : null;
    result.variants.push({
      uri,
      bandwidth,
      averageBandwidth: Number.parseInt(a['AVERAGE-BANDWIDTH'] ?? '', 10) || bandwidth,
      width: width ?? 0,
      height: height ?? 0,
      codecs: a.CODECS ?? '',
      frameRate: frameRate !== null && Number.isFinite(frameRate) ? frameRate : null,
      audioGroup: a.AUDIO ?? null,
      subtitleGroup: a.SUBTITLES ?? null,
    });
  }
  return result;
}

/** A media playlist's init section and segments in order, with their durations. */
export function parseMediaPlaylist(text: string): MediaPlaylist {
  const all = lines(text);
  if (all[0] !== '#EXTM3U') throw new Error('not an HLS playlist');
  const playlist: MediaPlaylist = { targetDuration: 0, init: null, segments: [] };
  let pending: number | null = null;
  for (const line of all) {
    const target = tagValue(line, '#EXT-X-TARGETDURATION');
    const map = tagValue(line, '#EXT-X-MAP');
    const inf = tagValue(line, '#EXTINF');
    if (target !== null) playlist.targetDuration = Number.parseFloat(target) || 0;
    else if (map !== null) playlist.init = parseAttributes(map).URI ?? null;
    else if (inf !== null) pending = Number.parseFloat(inf.split(',')[0] ?? '') || 0;
    else if (!line.startsWith('#') && pending !== null) {
      playlist.segments.push({ uri: line, duration: pending });
      pending = null;
    }
  }
  return playlist;
}

/**
 * The heights a viewer can pick, highest first, as viewers name rungs: by the picture's short side, so a portrait
 * 1080×1920 is "1080p" as the player's quality menu says.
 */
export function rungHeight(variant: Pick<Variant, 'width' | 'height'>): number {
  return Math.min(variant.width, variant.height) || variant.height;
}

export function qualityHeights(variants: Variant[]): number[] {
  return [...new Set(variants.map(rungHeight))].filter((h) => h > 0).sort((a, b) => b - a);
}

/**
 * The variant of a height: the one whose picture is that tall (the licence's granted height), else whose short side
 * is, else the tallest below it; among equals, the one with the most bits.
 */
export function variantForHeight(variants: Variant[], height: number): Variant | undefined {
  const best = (list: Variant[]) => [...list].sort((a, b) => b.averageBandwidth - a.averageBandwidth)[0];
  const exact = variants.filter((v) => v.height === height);
  if (exact.length) return best(exact);
  const short = variants.filter((v) => rungHeight(v) === height);
  if (short.length) return best(short);
  const below = variants.filter((v) => rungHeight(v) <= height);
  if (!below.length) return undefined;
  const tallest = Math.max(...below.map(rungHeight));
  return best(below.filter((v) => rungHeight(v) === tallest));
}

/** What a new download starts at: 720p, or the tallest rung below it; the smallest rung when all are taller. */
export function defaultHeight(heights: number[], cap = 720): number | undefined {
  const within = heights.filter((h) => h <= cap);
  return within.length ? Math.max(...within) : heights.length ? Math.min(...heights) : undefined;
}

/**
 * The bytes a rung will take: its average bandwidth (which counts the audio, RFC 8216 4.3.4.2) over the title's
 * duration, as Shaka Player estimates a download before it starts; subtitle files are a few kilobytes and left out.
 */
export function estimateBytes(variant: Pick<Variant, 'averageBandwidth' | 'bandwidth'>, durationSeconds: number): number {
  const bitsPerSecond = variant.averageBandwidth || variant.bandwidth;
  return Math.ceil((bitsPerSecond * Math.max(0, durationSeconds)) / 8);
}

/**
 * Whether `bytes` fit in what the browser says is left for this site (quota − usage of
 * `navigator.storage.estimate()`), keeping a margin: the estimate is an average, a rung's real bytes vary a little.
 */
export function fitsInStorage(bytes: number, estimate: { quota?: number; usage?: number }, margin = 0.05): boolean {
  if (estimate.quota === undefined) return true;
  const free = estimate.quota - (estimate.usage ?? 0);
  return bytes * (1 + margin) <= free;
}

