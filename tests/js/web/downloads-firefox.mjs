// Offline viewing in Firefox (Debian's firefox-esr over WebDriver BiDi): a title downloads (encrypted into
// IndexedDB with a non-extractable WebCrypto key), the network goes (BiDi's offline mode), the page reloads from the
// service worker, and the download plays from storage with its subtitles.
// Usage: node web/downloads-firefox.mjs BASE_URL EMAIL PASSWORD TITLE_ID
import { describeFailure, player, report, shot, subtitleCues, until } from './browser.mjs';
import { byRole, field, launchFirefox, newFirefoxPage } from './firefox.mjs';

const [base, email, password, titleId] = process.argv.slice(2);

/** The downloads IndexedDB holds: state and counts, and how many stored pieces. */
async function stored(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('marquee-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['downloads', 'pieces'], 'readonly');
          const result = {};
          tx.objectStore('downloads').getAll().onsuccess = (e) => (result.downloads = e.target.result.map((d) => ({ state: d.state, problem: d.problem, storedPieces: d.storedPieces, pieceCount: d.pieceCount })));
          tx.objectStore('pieces').count().onsuccess = (e) => (result.pieces = e.target.result);
          tx.oncomplete = () => {
            db.close();
            resolve(result);
          };
        };
      }),
  );
}

const browser = await launchFirefox();
let page;
const result = {};
try {
  page = await newFirefoxPage(browser);
  await page.goto(`${base}/signin`);
  await (await field(page, 'Email')).fill(email);
  await (await field(page, 'Password')).fill(password);
  await byRole(page, 'button', 'Sign in').click();
  await byRole(page, 'heading', 'Who’s watching?').wait();
  await byRole(page, 'button', email.split('@')[0]).click();
  await until(() => page.evaluate(() => window.location.pathname !== '/profiles'), 'the profile to open', 30000);
  result.browser = await browser.version();
  result.serviceWorker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null);

  await page.goto(`${base}/title/${titleId}`);
  await page.locator('h1').wait();
  const name = await page.$eval('h1', (h) => h.textContent.trim());
  result.title = name;
  await byRole(page, 'button', `Download ${name}`).click();
  await page.locator('dialog input[type=radio]').wait();
  result.sizeShown = await page.$eval('.download-size', (p) => p.textContent.trim());
  await page.locator('dialog button[type=submit]').click();
  const done = await until(async () => {
    const now = await stored(page);
    const item = now.downloads?.[0];
    if (item?.state === 'failed') throw new Error(`the download failed: ${item.problem}`);
    return item?.state === 'complete' ? now : null;
  }, 'the download to complete', 120000);
  result.download = done.downloads[0];
  result.pieces = done.pieces;

  // No network: the app opens again from the service worker and plays the download from storage.
  await page.setOfflineMode(true);
  await page.reload();
  await byRole(page, 'link', 'Downloads').click();
  await byRole(page, 'heading', 'Downloads').wait();
  result.offlineListed = await page.$eval('.download-list', (list) => list.textContent);
  await byRole(page, 'link', `Play ${name}`).click();
  result.offlinePlayed = await until(async () => {
    const state = await player(page);
    if (state.fatal) throw new Error(`fatal player error ${state.fatal}`);
    return state.t >= 3 && state.frames > 0 ? state.t : null;
  }, 'offline playback to 3 s', 60000);
  await page.keyboard.press('c');
  result.subtitles = await subtitleCues(page);
  await shot(page, 'firefox-download-offline');
  result.problems = page.problems;
  report(result);
} catch (error) {
  console.error(error?.stack ?? String(error));
  console.error(JSON.stringify(result));
  if (page) await describeFailure(page);
  process.exitCode = 1;
} finally {
  await browser.close();
}
