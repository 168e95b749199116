// Offline viewing in Chromium, with a persistent profile and the app's real service worker: a download refused
// before it starts when the browser's quota is too small (Chromium's own quota override); a download that meets an
// expired token (410: it checks in for a fresh one) and an unreachable edge (it takes the next base URL), then is
// interrupted mid-way (its segment requests cut) and resumes after a reload from its last complete segment; no network, a
// reload, and the app still opens, lists the download and plays it with subtitles; the position played offline
// reaches the origin when the network returns; and a licence past its expiry (the page's clock moved on) refuses
// with the reason and loses its bytes.
// Usage: node web/downloads.mjs BASE_URL EMAIL PASSWORD TITLE_ID
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { collectProblems, describeFailure, pickProfile, playsTo, report, shot, signIn, subtitleCues, until } from './browser.mjs';

const [base, email, password, titleId] = process.argv.slice(2);
const origin = new URL(base).origin;
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const profileDir = await mkdtemp(path.join(os.tmpdir(), 'marquee-downloads-'));

// Chromium reports a fixed quota to pages (StaticStorageQuota, against fingerprinting), whatever the real one: off
// here, so navigator.storage.estimate() says what the quota override below sets, as it says the disk's real room
// where the feature is off.
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-features=StaticStorageQuota',
  ],
  viewport: { width: 1280, height: 800 },
  colorScheme: 'dark',
});
const page = collectProblems(context.pages()[0] ?? (await context.newPage()));
const segment = /\.(m4s|vtt)(\?|$)/;
/** The segment and subtitle requests to the edges and the origin's media, by path without the token. */
const fetched = [];
page.on('response', (response) => {
  const url = new URL(response.url());
  if (segment.test(url.pathname) && url.pathname.includes('/media/') && !url.pathname.includes('/trickplay/')) fetched.push({ path: url.pathname, status: response.status() });
});

/** What IndexedDB holds for the downloads: each download's state and counts, and how many pieces and keys exist. */
async function stored() {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('marquee-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['downloads', 'pieces', 'keys'], 'readonly');
          const result = {};
          tx.objectStore('downloads').getAll().onsuccess = (e) => {
            result.downloads = e.target.result.map((d) => ({ id: d.id, state: d.state, problem: d.problem, storedPieces: d.storedPieces, pieceCount: d.pieceCount, expiresAt: d.licence.expiresAt }));
          };
          tx.objectStore('pieces').getAllKeys().onsuccess = (e) => (result.pieces = e.target.result);
          tx.objectStore('keys').getAllKeys().onsuccess = (e) => (result.keys = e.target.result);
          tx.oncomplete = () => {
            db.close();
            resolve(result);
          };
        };
      }),
  );
}

/** axe-core's WCAG 2 A and AA findings on the page as it is. */
async function axe() {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function openDialog() {
  await page.goto(`${base}/title/${titleId}`);
  const name = await page.getByRole('heading', { level: 1 }).innerText();
  await page.getByRole('button', { name: `Download ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Download ${name}` });
  await dialog.getByRole('radio').first().waitFor();
  return { name, dialog };
}

const result = { problems: [] };
try {
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  // The service worker installed and holds the shell.
  result.serviceWorker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const caches = await window.caches.keys();
    return { scope: registration.scope, active: registration.active?.state, caches };
  });

  // 1. A quota too small for the download: refused in the dialog, before anything is fetched.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1000 * 1000 });
  let { name, dialog } = await openDialog();
  result.title = name;
  const refusal = dialog.getByRole('alert');
  await refusal.waitFor();
  result.quotaRefusal = await refusal.innerText();
  result.quotaDownloadDisabled = await dialog.getByRole('button', { name: 'Download' }).isDisabled();
  result.quotaSize = await dialog.locator('.download-size').innerText();
  await shot(page, 'download-quota-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  result.fetchedWhenRefused = fetched.length;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });

  // 2. Interrupted: after a few segments every segment request fails, as when the network drops.
  // On the way, the first segment answers 410 (its token expired: the app checks in for a fresh one and asks the
  // same edge again) and the next one finds its edge unreachable (the app asks the next base URL).
  let allowed = 5;
  let expired = false;
  const failover = { refused: null, served: [] };
  const checkIns = [];
  page.on('request', (request) => {
    if (expired && /\/api\/v1\/downloads\?deviceId=/.test(request.url())) checkIns.push(request.url());
  });
  await page.route(segment, (route) => {
    const host = new URL(route.request().url()).host;
    if (!expired) {
      expired = true;
      return route.fulfill({ status: 410, contentType: 'application/problem+json', body: '{"title":"Token expired","status":410}' });
    }
    if (failover.refused === null) {
      failover.refused = host;
      return route.abort('connectionrefused');
    }
    if (allowed-- <= 0) return route.abort('internetdisconnected');
    failover.served.push(host);
    return route.continue();
  });
  ({ dialog } = await openDialog());
  result.quality = await dialog.getByRole('radio', { checked: true }).evaluate((input) => input.parentElement.textContent.trim());
  result.sizeShown = await dialog.locator('.download-size').innerText();
  await shot(page, 'download-dialog');
  result.dialogAxe = await axe();
  await dialog.getByRole('button', { name: 'Download' }).click();
  await until(async () => (await stored()).downloads?.some((d) => d.state === 'waiting'), 'the download to wait for the network', 60000);
  result.checkInsAfter410 = checkIns.length;
  result.failover = failover;
  const interrupted = await stored();
  result.interrupted = interrupted.downloads[0];
  const okBefore = new Set(fetched.filter((f) => f.status === 200).map((f) => f.path));
  const countBefore = fetched.length;
  await page.unroute(segment);
  await page.goto(`${base}/downloads`);
  await until(async () => (await stored()).downloads?.some((d) => d.state === 'complete'), 'the download to complete after the reload', 120000);
  const after = fetched.slice(countBefore);
  result.storedBeforeReload = interrupted.pieces.length;
  result.okBeforeReload = okBefore.size;
  result.refetched = after.filter((f) => okBefore.has(f.path)).map((f) => f.path);
  result.fetchedAfterReload = after.length;
  result.complete = (await stored()).downloads[0];
  await page.getByRole('button', { name: `Renew ${name}` }).waitFor();
  await shot(page, 'web-downloads');
  result.downloadsAxe = await axe();

  // 3. No network: the app opens from the service worker, lists the download and plays it with subtitles.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Downloads' }).waitFor();
  result.offlineListed = await page.getByRole('list', { name: 'Downloaded titles' }).innerText();
  await page.getByRole('link', { name: `Play ${name}` }).click();
  const played = await playsTo(page, 3);
  result.offlinePlayedTo = played.t;
  await page.mouse.move(640, 700);
  await page.getByRole('button', { name: /^Subtitles/ }).click();
  await page.getByRole('option', { name: 'English' }).getByRole('button').click();
  result.offlineSubtitles = await subtitleCues(page);
  await shot(page, 'download-offline-player');
  await page.keyboard.press(' ');
  await until(() => page.evaluate(() => document.querySelector('video').paused), 'pause');
  result.pausedAt = await page.evaluate(() => document.querySelector('video').currentTime);
  result.requestsWhileOffline = fetched.length - countBefore - result.fetchedAfterReload;

  // 4. The network returns: the position played offline reaches the origin.
  await context.setOffline(false);
  result.progressSaved = await until(
    () =>
      page.evaluate(async ([id, want]) => {
        const response = await fetch(`/api/v1/progress/${encodeURIComponent(id)}`);
        if (!response.ok) return null;
        const { items } = await response.json();
        return items.find((item) => Math.abs(item.positionSeconds - want) < 1)?.positionSeconds ?? null;
      }, [titleId, result.pausedAt]),
    'the offline position at the origin',
    60000,
  );

  // 5. Past its expiry (the page's clock a day after it): refused with the reason, and its bytes and key gone.
  const expiresAt = Date.parse(result.complete.expiresAt);
  await page.clock.install({ time: new Date(expiresAt + 86400 * 1000) });
  await page.goto(`${base}/downloads`);
  await page.getByRole('link', { name: `Play ${name}` }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  result.expiredRefusal = await alert.innerText();
  const gone = await stored();
  result.afterExpiry = { download: gone.downloads[0], pieces: gone.pieces.length, keys: gone.keys.length };
  await page.goto(`${base}/downloads`);
  result.expiredListed = await page.locator('.download-state').first().innerText();
  result.problems = page.problems;
  report(result);
} catch (error) {
  console.error(error?.stack ?? String(error));
  console.error(JSON.stringify(result));
  await describeFailure(page);
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(profileDir, { recursive: true, force: true });
}
