// Download time of one title at 720p: the web app's downloader (a fresh Chromium profile each round: the Download
// button, the dialog's Download, until the title page says "Downloaded") against curl fetching the same rung's
// playlists, init segments and segments from the same edge, three at a time as the app does, alternating which
// goes first. After each of ours: airplane mode (the browser offline), the Downloads page, Play, and the time from
// the tap to the first decoded frame. Prints medians and the ratio; writes --out.
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(path.resolve(import.meta.dirname, '../../tests/js/package.json'));
const { chromium } = require('playwright-core');
const run = promisify(execFile);

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const rounds = Number(args.rounds ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const api = async (method, url, token, body) => {
  const response = await fetch(`${args.origin}${url}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
};
const signIn = async () => (await (await fetch(`${args.origin}/api/v1/auth/login`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: args.email, password: args.password }),
})).json()).accessToken;

/** Every download licence of the bench account goes, so the next round is a new download on a new device. */
async function clearDownloads() {
  const token = await signIn();
  for (const item of (await api('GET', '/api/v1/downloads', token)).items) await api('DELETE', `/api/v1/downloads/${item.id}`, token);
}

const uris = (text, base) => text.split('\n').map((l) => l.trim()).flatMap((line) => {
  if (line.startsWith('#')) return [...line.matchAll(/URI="([^"]+)"/g)].map((m) => new URL(m[1], base).href);
  return line ? [new URL(line, base).href] : [];
});

/** The licence, the playlists read as the app reads them, then every init segment and segment through curl. */
async function reference() {
  const token = await signIn();
  const started = performance.now();
  const licence = await api('POST', '/api/v1/downloads', token, { titleId: args.title, deviceId: `bench-curl-${Date.now()}`, height: 720 });
  const multivariantUrl = licence.media.multivariantUrl;
  const multivariant = await (await fetch(multivariantUrl)).text();
  const lines = multivariant.split('\n');
  const variantLine = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF') && new RegExp(`RESOLUTION=\\d+x${licence.height}(,|$)`).test(l));
  if (variantLine < 0) throw new Error(`no ${licence.height}p variant in ${multivariantUrl}`);
  const playlists = [new URL(lines[variantLine + 1].trim(), multivariantUrl).href,
    ...[...multivariant.matchAll(/#EXT-X-MEDIA:TYPE=AUDIO[^\n]*URI="([^"]+)"/g)].map((m) => new URL(m[1], multivariantUrl).href)];
  const files = [];
  for (const playlist of playlists) files.push(...uris(await (await fetch(playlist)).text(), playlist));
  const config = path.join(os.tmpdir(), `bench-downloads-${process.pid}.curl`);
  await writeFile(config, files.map((f) => `url = "${f}"\noutput = "/dev/null"\n`).join(''));
  await run('curl', ['--silent', '--fail', '--parallel', '--parallel-max', '3', '--config', config]);
  const ms = performance.now() - started;
  await rm(config);
  await api('DELETE', `/api/v1/downloads/${licence.id}`, token);
  return { ms, files: files.length };
}

/** Where the time went (DOWNLOADS_TIMELINE=1): the page's requests and marks from the click, counted by kind. */
async function printTimeline(page, clickedAt, ms) {
  const lines = await page.evaluate((from) => {
    const rows = [...performance.getEntriesByType('mark').map((e) => ({ at: e.startTime, what: e.name })),
      ...performance.getEntriesByType('resource').map((e) => ({ at: e.startTime, end: e.responseEnd, what: e.name.replace(/\?.*/, '').split('/').slice(-1)[0] }))]
      .filter((e) => e.at >= from).sort((a, b) => a.at - b.at);
    return rows.map((e) => `${Math.round(e.at - from)}${e.end ? `-${Math.round(e.end - from)}` : ''} ms ${e.what}`);
  }, clickedAt);
  console.log([`ours: downloaded in ${Math.round(ms)} ms`, ...lines].join('\n  '));
}

/** The app: a new browser profile (a new device), Download, until "Downloaded"; then offline, Play, first frame. */
async function ours() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'bench-downloads-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    await context.request.post(`${args.origin}/api/v1/auth/browser/login`, { data: { email: args.email, password: args.password } });
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${args.origin}/title/${args.title}`);
    await page.getByRole('button', { name: `Download ${args.name}`, exact: true }).click();
    const start = page.getByRole('dialog').getByRole('button', { name: 'Download', exact: true });
    await start.waitFor();
    await page.waitForFunction(() => !document.querySelector('dialog[open] button[type=submit]')?.disabled, null, { timeout: 30000 });
    // Timed in the page, from just before the click to the frame that shows "Downloaded" (playwright's own waiting
    // polls up to 500 ms apart, which would be counted against us).
    const clickedAt = await page.evaluate(() => performance.now());
    await start.click();
    const doneAt = await (await page.waitForFunction(
      (label) => (document.querySelector(`a[aria-label="${label}"]`) ? performance.now() : false),
      `Downloaded: ${args.name}. Open downloads`, { timeout: 120000, polling: 'raf' })).jsonValue();
    const ms = doneAt - clickedAt;
    if (process.env.DOWNLOADS_TIMELINE) await printTimeline(page, clickedAt, ms);

    await context.setOffline(true);
    await page.goto(`${args.origin}/downloads`);
    const play = page.getByRole('link', { name: `Play ${args.name}` });
    await play.waitFor();
    const tapAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    await play.click();
    await page.waitForFunction(() => window.marqueePlayer?.firstFrameAt, null, { timeout: 30000 });
    const airplaneMs = (await page.evaluate(() => window.marqueePlayer.firstFrameAt)) - tapAt;
    await context.setOffline(false);
    return { ms, airplaneMs };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await clearDownloads();
  }
}

await clearDownloads();
const warm = await reference(); // the first fetch fills the edge from the origin; both sides then read a warm edge
const results = { ours: [], reference: [], airplane: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours'];
  for (const side of order) {
    if (side === 'ours') {
      const { ms, airplaneMs } = await ours();
      results.ours.push(Math.round(ms));
      results.airplane.push(Math.round(airplaneMs));
    } else {
      results.reference.push(Math.round((await reference()).ms));
    }
  }
}

const summary = {
  rounds, link: args.link ?? 'loopback', files: warm.files, oursMs: results.ours, curlMs: results.reference, airplaneMs: results.airplane,
  oursMedianMs: median(results.ours), curlMedianMs: median(results.reference), airplaneMedianMs: median(results.airplane),
};
summary.ratio = Number((summary.oursMedianMs / summary.curlMedianMs).toFixed(2));
if (args.out) await writeFile(args.out, JSON.stringify(summary, null, 2) + '\n');
console.log(`download of one title at 720p (${warm.files} files), warm edge, ${args.link ? `the edge's answers through a ${args.link} link` : 'loopback'}, ${rounds} rounds alternating`);
console.log(`  web app      median ${summary.oursMedianMs} ms  (${results.ours.join(', ')})`);
console.log(`  curl         median ${summary.curlMedianMs} ms  (${results.reference.join(', ')})`);
console.log(`  ratio        ${summary.ratio}  (target <= 1.25)`);
console.log(`  airplane mode, tap on Play to first frame: median ${summary.airplaneMedianMs} ms  (${results.airplane.join(', ')}; target < 1000)`);
process.exit(summary.ratio <= 1.25 && summary.airplaneMedianMs < 1000 ? 0 : 1);
