// The downloads' pure logic (web/src/offline), compiled by `npm test` into .test-build: reading the edges' HLS,
// the size of a rung before it downloads, whether a stored licence may play, the local playlists the offline player
// reads, and the rate cap.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';

const require = createRequire(import.meta.url);
const hls = require('../.test-build/offline/hls.js');
const licence = require('../.test-build/offline/licence.js');
const plan = require('../.test-build/offline/plan.js');
const { RateLimit } = require('../.test-build/offline/rateLimit.js');

// What an edge answers for a title with audio and English and French subtitles, its plan capped at 720p (the
// 1080p variant removed), a token on every URI.
const multivariant = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-CONTENT-STEERING:SERVER-URI="https://origin.example/steer/s1/eu?token=T",PATHWAY-ID="eu"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Main",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="media_4.m3u8?token=T",STABLE-RENDITION-ID="media_4.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English, with \\"notes\\"",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subtitles/en.m3u8?token=T"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Français",LANGUAGE="fr",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subtitles/fr.m3u8?token=T"
#EXT-X-STREAM-INF:BANDWIDTH=655426,AVERAGE-BANDWIDTH=632439,RESOLUTION=640x360,FRAME-RATE=30.000,CODECS="avc1.64001e,mp4a.40.2",AUDIO="audio",SUBTITLES="subs"
media_1.m3u8?token=T
#EXT-X-STREAM-INF:BANDWIDTH=393304,AVERAGE-BANDWIDTH=379072,RESOLUTION=426x240,FRAME-RATE=30.000,CODECS="avc1.640015,mp4a.40.2",AUDIO="audio",SUBTITLES="subs"
media_0.m3u8?token=T
#EXT-X-STREAM-INF:BANDWIDTH=1913644,AVERAGE-BANDWIDTH=1886139,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="audio",SUBTITLES="subs"
media_3.m3u8?token=T
#EXT-X-STREAM-INF:BANDWIDTH=1017430,RESOLUTION=854x480,FRAME-RATE=30.000,CODECS="avc1.64001f,mp4a.40.2",AUDIO="audio",SUBTITLES="subs"
media_2.m3u8?token=T
`;

test('the multivariant playlist: variants with their sizes and groups, audio and subtitle renditions', () => {
  const parsed = hls.parseMultivariant(multivariant);
  assert.equal(parsed.variants.length, 4);
  const [first] = parsed.variants;
  assert.deepEqual(first, {
    uri: 'media_1.m3u8?token=T', bandwidth: 655426, averageBandwidth: 632439, width: 640, height: 360, codecs: 'avc1.64001e,mp4a.40.2',
    frameRate: 30, audioGroup: 'audio', subtitleGroup: 'subs',
  });
  // No AVERAGE-BANDWIDTH: the peak stands in for it.
  assert.equal(parsed.variants[3].averageBandwidth, 1017430);
  assert.equal(parsed.audio.length, 1);
  assert.equal(parsed.audio[0].uri, 'media_4.m3u8?token=T');
  assert.equal(parsed.audio[0].isDefault, true);
  assert.deepEqual(parsed.subtitles.map((s) => [s.language, s.uri]), [['en', 'subtitles/en.m3u8?token=T'], ['fr', 'subtitles/fr.m3u8?token=T']]);
  assert.equal(parsed.subtitles[1].name, 'Français');
  assert.throws(() => hls.parseMultivariant('<html>not a playlist</html>'));
});

test('a media playlist: its init section and segments with durations, tokens kept', () => {
  const text = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-TARGETDURATION:4
#EXT-X-MEDIA-SEQUENCE:1
#EXT-X-MAP:URI="init-0.m4s?token=T"
#EXTINF:4.000000,
seg-0-00001.m4s?token=T
#EXTINF:3.5,
seg-0-00002.m4s?token=T

#EXT-X-ENDLIST
`;
  const parsed = hls.parseMediaPlaylist(text);
  assert.equal(parsed.targetDuration, 4);
  assert.equal(parsed.init, 'init-0.m4s?token=T');
  assert.deepEqual(parsed.segments, [{ uri: 'seg-0-00001.m4s?token=T', duration: 4 }, { uri: 'seg-0-00002.m4s?token=T', duration: 3.5 }]);
  // A WebVTT subtitle playlist: one whole file, no init.
  const vtt = hls.parseMediaPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:90\n#EXTINF:90.000,\nen.vtt?token=T\n#EXT-X-ENDLIST\n');
  assert.equal(vtt.init, null);
  assert.deepEqual(vtt.segments, [{ uri: 'en.vtt?token=T', duration: 90 }]);
});

test('heights as viewers name them, the variant of the granted height, and the default of 720p or the cap', () => {
  const { variants } = hls.parseMultivariant(multivariant);
  assert.deepEqual(hls.qualityHeights(variants), [720, 480, 360, 240]);
  assert.equal(hls.variantForHeight(variants, 480).uri, 'media_2.m3u8?token=T');
  // A height between rungs: the tallest below it.
  assert.equal(hls.variantForHeight(variants, 500).uri, 'media_2.m3u8?token=T');
  assert.equal(hls.variantForHeight(variants, 100), undefined);
  // Portrait: 1080x1920 is "1080p".
  const portrait = [{ ...variants[0], width: 1080, height: 1920, uri: 'p.m3u8' }];
  assert.equal(hls.variantForHeight(portrait, 1920).uri, 'p.m3u8');
  assert.equal(hls.variantForHeight(portrait, 1080).uri, 'p.m3u8');
  assert.deepEqual(hls.qualityHeights(portrait), [1080]);
  assert.equal(hls.defaultHeight([1080, 720, 480]), 720);
  assert.equal(hls.defaultHeight([1080, 480, 240]), 480);
  assert.equal(hls.defaultHeight([1080, 720, 480], 480), 480);
  assert.equal(hls.defaultHeight([1080]), 1080);
  assert.equal(hls.defaultHeight([]), undefined);
});

test('the size before downloading: average bandwidth (audio included) over the duration, and whether it fits', () => {
  const { variants } = hls.parseMultivariant(multivariant);
  const v720 = hls.variantForHeight(variants, 720);
  // 1 886 139 bit/s for 90 s = 21 219 064 bytes (rounded up).
  assert.equal(hls.estimateBytes(v720, 90), Math.ceil((1886139 * 90) / 8));
  assert.equal(hls.estimateBytes({ averageBandwidth: 0, bandwidth: 8000 }, 10), 10000);
  assert.equal(hls.estimateBytes(v720, -5), 0);
  assert.equal(hls.fitsInStorage(1_000_000, { quota: 10_000_000, usage: 8_000_000 }), true);
  assert.equal(hls.fitsInStorage(1_000_000, { quota: 10_000_000, usage: 9_000_000 }), false, 'no room for the margin');
  assert.equal(hls.fitsInStorage(5_000_000, { quota: 2_000_000, usage: 0 }), false);
  assert.equal(hls.fitsInStorage(5_000_000, {}), true, 'a browser that does not say is not refused');
});

const terms = (over = {}) => ({
  status: 'active', reason: null, expiresAt: '2030-01-31T00:00:00Z', checkInBy: '2030-01-31T00:00:00Z', playWindowHours: 48, firstPlayedAt: null, ...over,
});
const at = (iso) => Date.parse(iso);
const plain = (ms) => new Date(ms).toISOString();

test('a licence plays while active, before its expiry and its check-in deadline', () => {
  assert.deepEqual(licence.verdict(terms(), at('2030-01-10T00:00:00Z'), at('2030-01-09T00:00:00Z')), { playable: true });
});

test('expired, revoked and unchecked licences refuse with the reason; the first two lose their bytes', () => {
  const expired = licence.verdict(terms(), at('2030-01-31T00:00:00Z'), 0, plain);
  assert.deepEqual(expired, { playable: false, reason: 'This download expired on 2030-01-31T00:00:00.000Z. Download it again to watch it.', discard: true });
  const revoked = licence.verdict(terms({ status: 'revoked', reason: 'This title is no longer available in your country.' }), at('2030-01-10T00:00:00Z'), 0);
  assert.deepEqual(revoked, { playable: false, reason: 'This title is no longer available in your country.', discard: true });
  const serverExpired = licence.verdict(terms({ status: 'expired', reason: 'Expired after 48 hours.' }), at('2030-01-10T00:00:00Z'), 0);
  assert.equal(serverExpired.reason, 'Expired after 48 hours.');
  const unchecked = licence.verdict(terms({ checkInBy: '2030-01-05T00:00:00Z' }), at('2030-01-10T00:00:00Z'), 0);
  assert.equal(unchecked.playable, false);
  assert.equal(unchecked.discard, false, 'checking in brings it back');
  assert.match(unchecked.reason, /Connect to the internet/);
});

test('a clock set back more than a few minutes behind the latest time seen refuses, without discarding', () => {
  const seen = at('2030-01-20T12:00:00Z');
  const back = licence.verdict(terms(), at('2030-01-10T00:00:00Z'), seen);
  assert.deepEqual(back, { playable: false, reason: "Your device's clock was set back; connect to the internet to check in.", discard: false });
  // A little behind (two minutes) is a clock's ordinary drift.
  assert.deepEqual(licence.verdict(terms(), seen - 2 * 60 * 1000, seen), { playable: true });
  // The origin's time moves the latest time on; an earlier one does not move it back.
  assert.equal(licence.latestTime(seen, '2030-01-21T00:00:00Z', at('2030-01-01T00:00:00Z'), null, 'not a date'), at('2030-01-21T00:00:00Z'));
});

test('the first play starts the play window, only once, and never extends the expiry', () => {
  const first = licence.afterFirstPlay(terms(), at('2030-01-10T00:00:00Z'));
  assert.equal(first.firstPlayedAt, '2030-01-10T00:00:00.000Z');
  assert.equal(first.expiresAt, '2030-01-12T00:00:00.000Z');
  assert.equal(licence.afterFirstPlay(first, at('2030-01-11T00:00:00Z')), first);
  const late = licence.afterFirstPlay(terms(), at('2030-01-30T12:00:00Z'));
  assert.equal(late.expiresAt, '2030-01-31T00:00:00.000Z');
});

test('relative expiry: the largest whole unit', () => {
  const now = at('2030-01-10T00:00:00Z');
  assert.match(licence.relativeTime(at('2030-01-13T05:00:00Z'), now), /3 days/);
  assert.match(licence.relativeTime(at('2030-01-10T05:30:00Z'), now), /5 hours/);
  assert.match(licence.relativeTime(at('2030-01-08T00:00:00Z'), now), /2 days ago/);
});

const stored = {
  height: 720, width: 1280, bandwidth: 1913644, averageBandwidth: 1886139, codecs: 'avc1.64001f,mp4a.40.2', frameRate: 30,
  tracks: [
    { id: 'video', kind: 'video', targetDuration: 4, init: 'media/a/v1/init-3.m4s', segments: [{ path: 'media/a/v1/seg-3-00001.m4s', duration: 4 }, { path: 'media/a/v1/seg-3-00002.m4s', duration: 2.5 }], name: '720p', language: 'und' },
    { id: 'audio', kind: 'audio', targetDuration: 4, init: 'media/a/v1/init-4.m4s', segments: [{ path: 'media/a/v1/seg-4-00001.m4s', duration: 3.95 }, { path: 'media/a/v1/seg-4-00002.m4s', duration: 2.55 }], name: 'Main', language: 'und' },
    { id: 'sub-en', kind: 'subtitles', targetDuration: 7, init: null, segments: [{ path: 'media/a/v1/subtitles/en.vtt', duration: 6.5 }], name: 'English', language: 'en' },
  ],
};
const base = 'https://app.example/offline/dl_1';

test('pieces in the order playback needs them, each with its own key', () => {
  const list = plan.pieces(stored);
  assert.deepEqual(list.map((p) => `${p.track}:${p.index}`), ['video:-1', 'audio:-1', 'video:0', 'audio:0', 'sub-en:0', 'video:1', 'audio:1']);
  assert.equal(plan.pieceKey('dl_1', 'video', -1), 'dl_1/video/init');
  assert.equal(plan.pieceKey('dl_1', 'sub-en', 0), 'dl_1/sub-en/0');
});

test('local playlists: one variant with its audio and subtitles, and addresses that lead back to the stored pieces', () => {
  const master = plan.localMultivariant(base, stored);
  const parsed = hls.parseMultivariant(master);
  assert.equal(parsed.variants.length, 1);
  assert.equal(parsed.variants[0].uri, `${base}/video.m3u8`);
  assert.equal(parsed.variants[0].height, 720);
  assert.equal(parsed.audio[0].uri, `${base}/audio.m3u8`);
  assert.deepEqual(parsed.subtitles.map((s) => [s.language, s.uri, s.isDefault]), [['en', `${base}/sub-en.m3u8`, false]]);
  assert.equal(plan.playlistOf(base, `${base}/master.m3u8`), 'master');
  assert.equal(plan.playlistOf(base, `${base}/sub-en.m3u8`), 'sub-en');
  assert.equal(plan.playlistOf('https://app.example/offline/dl_2', `${base}/video.m3u8`), null);

  const video = hls.parseMediaPlaylist(plan.localMediaPlaylist(base, stored.tracks[0]));
  assert.equal(video.init, `${base}/video/init.m4s`);
  assert.deepEqual(video.segments, [{ uri: `${base}/video/0.m4s`, duration: 4 }, { uri: `${base}/video/1.m4s`, duration: 2.5 }]);
  const found = plan.pieceOf(base, stored, video.segments[1].uri);
  assert.equal(found.track.id, 'video');
  assert.equal(found.index, 1);
  assert.equal(plan.pieceOf(base, stored, video.init).index, -1);
  const subtitles = hls.parseMediaPlaylist(plan.localMediaPlaylist(base, stored.tracks[2]));
  assert.deepEqual(subtitles.segments, [{ uri: `${base}/sub-en/0.vtt`, duration: 6.5 }]);
  assert.equal(plan.pieceOf(base, stored, `${base}/sub-en/init.vtt`), null, 'subtitles have no init');
  assert.equal(plan.pieceOf(base, stored, `${base}/video/7.m4s`), null);
  assert.equal(plan.pieceOf(base, stored, 'https://edge.example/media/a/v1/seg-3-00001.m4s'), null);
});

test('the rate cap: a second of bytes at once, then the rest at the cap', async () => {
  let now = 0;
  const slept = [];
  const limit = new RateLimit(1000, () => now, async (ms) => {
    slept.push(ms);
    now += ms;
  });
  await limit.take(1000);
  assert.deepEqual(slept, []);
  await limit.take(500);
  assert.deepEqual(slept, [500]);
  // Half a second later the bucket has refilled 500 bytes, the debt of the previous take paid.
  now += 500;
  await limit.take(250);
  assert.equal(slept.length, 1);
  limit.setRate(0);
  await limit.take(1_000_000);
  assert.equal(slept.length, 1, 'no cap, no wait');
});
