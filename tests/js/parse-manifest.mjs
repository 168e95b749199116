// Fetches an HLS multivariant playlist or a DASH MPD over HTTP and parses it with the video.js parsers,
// printing a JSON summary. Usage: node parse-manifest.mjs hls|dash URL
import { Parser } from 'm3u8-parser';
import { parse as parseMpd } from 'mpd-parser';

const [kind, url] = process.argv.slice(2);
const response = await fetch(url);
if (!response.ok) {
  console.error(`GET ${url} answered ${response.status}`);
  process.exit(2);
}
const text = await response.text();

if (kind === 'hls') {
  const parser = new Parser();
  parser.push(text);
  parser.end();
  const m = parser.manifest;
  console.log(JSON.stringify({
    playlists: (m.playlists || []).map(p => ({ uri: p.uri, attributes: p.attributes })),
    audio: Object.keys(m.mediaGroups?.AUDIO?.audio || {}),
    subtitles: Object.keys(m.mediaGroups?.SUBTITLES?.subs || {}),
  }));
} else if (kind === 'dash') {
  const m = parseMpd(text, { manifestUri: url });
  console.log(JSON.stringify({
    duration: m.duration,
    playlists: m.playlists.map(p => ({
      width: p.attributes.RESOLUTION?.width,
      height: p.attributes.RESOLUTION?.height,
      bandwidth: p.attributes.BANDWIDTH,
      codecs: p.attributes.CODECS,
      segments: p.segments.length,
      firstSegment: p.segments[0]?.resolvedUri,
      init: p.segments[0]?.map?.resolvedUri,
    })),
    audio: Object.keys(m.mediaGroups?.AUDIO?.audio || {}),
    subtitles: Object.keys(m.mediaGroups?.SUBTITLES?.subs || {}),
  }));
} else {
  console.error('usage: node parse-manifest.mjs hls|dash URL');
  process.exit(2);
}
