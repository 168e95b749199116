// Plays an HLS stream with hls.js (Content Steering on) in headless Chromium and reports, one JSON object per
// line on stdout, where every fragment came from and how far playback got. Usage:
//   node hls-play.mjs URL UNTIL_SECONDS [CHROMIUM]
// Exits 0 once currentTime reaches UNTIL_SECONDS with frames decoded, 1 on a fatal player error or no progress.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const [url, untilText, executable = '/usr/bin/chromium'] = process.argv.slice(2);
const until = Number(untilText);
const require = createRequire(import.meta.url);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');

const browser = await chromium.launch({
  executablePath: executable,
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
});
let code = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('{')) process.stdout.write(text + '\n');
  });
  await page.setContent('<video id="v" muted playsinline></video>');
  await page.addScriptTag({ path: require.resolve('hls.js/dist/hls.min.js') });
  await page.evaluate((source) => {
    const video = document.getElementById('v');
    // A small forward buffer keeps the player fetching while it plays, as on a long film.
    const hls = new Hls({ contentSteeringEnabled: true, maxBufferLength: 4, maxMaxBufferLength: 6, backBufferLength: 0 });
    window.fatal = null;
    hls.on(Hls.Events.FRAG_LOADED, (_, d) => console.log(JSON.stringify({
      event: 'frag', host: new URL(d.frag.url).host, sn: d.frag.sn, level: d.frag.level, t: video.currentTime,
    })));
    hls.on(Hls.Events.STEERING_MANIFEST_LOADED, (_, d) => console.log(JSON.stringify({ event: 'steering', priority: d.steeringManifest['PATHWAY-PRIORITY'] })));
    hls.on(Hls.Events.ERROR, (_, d) => {
      console.log(JSON.stringify({ event: 'error', details: d.details, fatal: d.fatal, url: d.frag?.url ?? d.context?.url ?? null }));
      if (d.fatal) window.fatal = d.details;
    });
    hls.loadSource(source);
    hls.attachMedia(video);
    video.play().catch(() => {});
  }, url);

  const started = Date.now();
  let best = 0;
  let bestAt = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const state = await page.evaluate(() => {
      const v = document.getElementById('v');
      return { t: v.currentTime, frames: v.getVideoPlaybackQuality().totalVideoFrames, ended: v.ended, fatal: window.fatal, width: v.videoWidth, height: v.videoHeight };
    });
    say({ event: 'time', ...state });
    if (state.fatal) { say({ event: 'failed', reason: `fatal player error ${state.fatal}` }); break; }
    if (state.t >= until || state.ended) {
      say({ event: 'done', t: state.t, frames: state.frames, width: state.width, height: state.height, seconds: (Date.now() - started) / 1000 });
      code = state.frames > 0 && state.t >= until ? 0 : 1;
      break;
    }
    if (state.t > best + 0.05) { best = state.t; bestAt = Date.now(); }
    if (Date.now() - bestAt > 30000) { say({ event: 'failed', reason: `no progress for 30 s at ${best}` }); break; }
  }
} finally {
  await browser.close();
}
process.exit(code);
