/**
 * What a download stores (one video rung, one audio rendition, the chosen subtitles, each an init section and
 * segments) and the playlists the offline player reads it back through: the same HLS the edges serve, with one
 * variant and local addresses that the player's loader answers from storage. Pure functions, no DOM, so `npm test`
 * runs them in Node.
 */

export type TrackKind = 'video' | 'audio' | 'subtitles';

export interface TrackPlan {
  /** 'video', 'audio', or 'sub-' + the language: part of the stored segments' keys and of the local addresses. */
  id: string;
  kind: TrackKind;
  targetDuration: number;
  /** Path of the init section under the media's base address, or null (subtitles have none). */
  init: string | null;
  /** Paths under the media's base address, in order, and their durations. */
  segments: { path: string; duration: number }[];
  name: string;
  language: string;
}

export interface DownloadPlan {
  height: number;
  width: number;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  frameRate: number | null;
  tracks: TrackPlan[];
}

/** One piece to fetch and store: a track's init section (index -1) or one of its segments. */
export interface PieceRef {
  track: string;
  index: number;
  path: string;
}

export const initIndex = -1;

/** A stored piece's key: the download, the track, and the init section or the segment's number. */
export function pieceKey(downloadId: string, track: string, index: number): string {
  return `${downloadId}/${track}/${index === initIndex ? 'init' : index}`;
}

/** Every piece of a plan in the order playback needs them: each track's init, then the segments, video and audio interleaved. */
export function pieces(plan: DownloadPlan): PieceRef[] {
  const list: PieceRef[] = [];
  for (const track of plan.tracks) {
    if (track.init) list.push({ track: track.id, index: initIndex, path: track.init });
  }
  const longest = Math.max(0, ...plan.tracks.map((t) => t.segments.length));
  for (let i = 0; i < longest; i++) {
    for (const track of plan.tracks) {
      const segment = track.segments[i];
      if (segment) list.push({ track: track.id, index: i, path: segment.path });
    }
  }
  return list;
}

function extension(path: string, fallback: string): string {
  const match = /\.([a-z0-9]{1,5})$/i.exec(path);
  return match?.[1] ?? fallback;
}

/** The local address of a piece, under the player's base for this download. */
export function pieceUrl(base: string, track: TrackPlan, index: number): string {
  const path = index === initIndex ? (track.init ?? '') : (track.segments[index]?.path ?? '');
  const name = index === initIndex ? 'init' : String(index);
  return `${base}/${track.id}/${name}.${extension(path, track.kind === 'subtitles' ? 'vtt' : 'm4s')}`;
}

/** Which piece a local address names, or null when it names none of this plan. */
export function pieceOf(base: string, plan: DownloadPlan, url: string): { track: TrackPlan; index: number } | null {
  const withoutQuery = url.split('?')[0] ?? '';
  if (!withoutQuery.startsWith(`${base}/`)) return null;
  const [trackId, file] = withoutQuery.slice(base.length + 1).split('/');
  const track = plan.tracks.find((t) => t.id === trackId);
  if (!track || !file) return null;
  const name = file.replace(/\.[a-z0-9]+$/i, '');
  if (name === 'init') return track.init ? { track, index: initIndex } : null;
  const index = Number(name);
  return Number.isInteger(index) && index >= 0 && index < track.segments.length ? { track, index } : null;
}

function quoted(value: string): string {
  return value.replace(/"/g, "'").replace(/\n/g, ' ');
}

/** The local multivariant playlist: one variant, its audio, and the stored subtitles, none of them on by default. */
export function localMultivariant(base: string, plan: DownloadPlan): string {
  const audio = plan.tracks.find((t) => t.kind === 'audio');
  const subtitles = plan.tracks.filter((t) => t.kind === 'subtitles');
  const out = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio) {
    out.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="${quoted(audio.name)}",LANGUAGE="${quoted(audio.language)}",DEFAULT=YES,AUTOSELECT=YES,URI="${base}/${audio.id}.m3u8"`);
  }
  for (const track of subtitles) {
    out.push(
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${quoted(track.name)}",LANGUAGE="${quoted(track.language)}",DEFAULT=NO,AUTOSELECT=NO,FORCED=NO,URI="${base}/${track.id}.m3u8"`,
    );
  }
  let inf = `#EXT-X-STREAM-INF:BANDWIDTH=${plan.bandwidth},AVERAGE-BANDWIDTH=${plan.averageBandwidth},RESOLUTION=${plan.width}x${plan.height}`;
  if (plan.frameRate) inf += `,FRAME-RATE=${plan.frameRate.toFixed(3)}`;
  if (plan.codecs) inf += `,CODECS="${plan.codecs}"`;
  if (audio) inf += ',AUDIO="audio"';
  if (subtitles.length) inf += ',SUBTITLES="subs"';
  out.push(inf, `${base}/video.m3u8`);
  return `${out.join('\n')}\n`;
}

/** A track's local media playlist: video on demand, its init section and every segment at its local address. */
export function localMediaPlaylist(base: string, track: TrackPlan): string {
  const target = Math.max(1, Math.ceil(track.targetDuration || Math.max(0, ...track.segments.map((s) => s.duration))));
  const out = ['#EXTM3U', `#EXT-X-VERSION:${track.init ? 7 : 3}`, '#EXT-X-PLAYLIST-TYPE:VOD', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0'];
  if (track.init) out.push(`#EXT-X-MAP:URI="${pieceUrl(base, track, initIndex)}"`);
  track.segments.forEach((segment, index) => out.push(`#EXTINF:${segment.duration.toFixed(6)},`, pieceUrl(base, track, index)));
  out.push('#EXT-X-ENDLIST');
  return `${out.join('\n')}\n`;
}

/** Which local playlist an address names: 'master', a track's id, or null. */
export function playlistOf(base: string, url: string): string | null {
  const withoutQuery = url.split('?')[0] ?? '';
  if (!withoutQuery.startsWith(`${base}/`) || !withoutQuery.endsWith('.m3u8')) return null;
  const name = withoutQuery.slice(base.length + 1, -'.m3u8'.length);
  return name.includes('/') ? null : name;
}
