// Another site embeds a title the way oEmbed tells it to: this script asks the origin's /oembed for the player, serves
// a page holding it from another origin (a second loopback address), and opens that page in Chromium with no
// session. It also frames one of the app's own pages, which must be refused. Prints one line of JSON:
// {played, paused, src, currentSrc, appRefused, problems}.
// Usage: node embed-frame.mjs ORIGIN_URL TITLE_PAGE_URL APP_PAGE_URL
import http from 'node:http';
import { launch, until } from './web/browser.mjs';

const [origin, titlePage, appPage] = process.argv.slice(2);
const oembed = await (await fetch(`${origin}/oembed?url=${encodeURIComponent(titlePage)}&format=json&maxwidth=480`)).json();
if (!oembed.html) throw new Error(`no player from oEmbed: ${JSON.stringify(oembed)}`);
// Autoplay, as embedding sites often ask: the allow-listed parameter.
const player = oembed.html.replace(/src="([^"]+)"/, (_, src) => `src="${src}?autoplay=1"`);
const page = `<!doctype html><html><head><title>A blog</title></head><body><h1>A post about a film</h1>${player}` +
  `<iframe id="app" src="${appPage}" width="480" height="270"></iframe></body></html>`;

const server = http.createServer((_, response) => { response.writeHead(200, { 'Content-Type': 'text/html' }); response.end(page); });
await new Promise((resolve) => server.listen(0, '127.0.0.2', resolve));
const blog = `http://127.0.0.2:${server.address().port}/`;

const browser = await launch();
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const refusals = [];
  const problems = [];
  tab.on('console', (message) => { if (/Refused to frame/i.test(message.text())) refusals.push(message.text()); });
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(blog);
  const frame = await until(async () => tab.frames().find((f) => f.url().includes('/embed/')), 'the embedded player', 30000);
  const state = await until(async () => {
    const s = await frame.evaluate(() => {
      const video = document.querySelector('video');
      return video && { time: video.currentTime, paused: video.paused, src: video.getAttribute('src'), currentSrc: video.currentSrc };
    });
    return s && s.time > 1 ? s : null;
  }, 'the preview to play in the frame', 60000);
  // The app's frame, loaded by now: Chromium refuses it (frame-ancestors 'none'), showing its error page in place of
  // the app, whose page would hold #root.
  const appFrame = await tab.$('#app').then((element) => element.contentFrame());
  const appShown = appFrame ? await appFrame.evaluate(() => !!document.getElementById('root')).catch(() => false) : false;
  console.log(JSON.stringify({
    played: state.time, paused: state.paused, src: state.src, currentSrc: state.currentSrc,
    appRefused: !appShown && (appFrame?.url() ?? '').startsWith('chrome-error:'), appFrameUrl: appFrame?.url() ?? null, refusals, problems,
  }));
} finally {
  await browser.close();
  server.close();
}
