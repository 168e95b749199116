/** One seek-preview thumbnail: a tile of a sprite sheet shown for a span of the timeline. */
export interface Thumbnail {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function seconds(text: string): number {
  const parts = text.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * Reads the trickplay index (WebVTT whose cues name a sprite and a tile, "sprite-0.jpg#xywh=0,0,160,90"). Sprite URLs
 * are resolved against the index and carry the same query (the playback token) so an edge accepts them.
 */
export function parseThumbnails(vtt: string, indexUrl: string): Thumbnail[] {
  const base = new URL(indexUrl);
  const thumbnails: Thumbnail[] = [];
  const lines = vtt.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('-->')) continue;
    const [from = '', to = ''] = line.split('-->');
    const target = (lines[i + 1] ?? '').trim();
    const hash = target.indexOf('#xywh=');
    if (hash < 0) continue;
    const [x = 0, y = 0, width = 0, height = 0] = target.slice(hash + 6).split(',').map(Number);
    const url = new URL(target.slice(0, hash), base);
    url.search = base.search;
    thumbnails.push({ start: seconds(from), end: seconds(to.split(' ')[0] ?? ''), url: url.toString(), x, y, width, height });
  }
  return thumbnails;
}

export function thumbnailAt(thumbnails: Thumbnail[], time: number): Thumbnail | undefined {
  return thumbnails.find((t) => time >= t.start && time < t.end) ?? thumbnails[thumbnails.length - 1];
}
