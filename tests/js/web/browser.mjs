// Shared pieces of the web app's end-to-end scripts: Debian's Chromium driven by playwright-core, screenshots,
// the mail the origin drops in its pickup folder, and reading the player's state.
import { chromium } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** A fresh browser profile; forwardedFor makes the origin place the viewer elsewhere (loopback is a trusted proxy). */
export async function newPage(browser, { forwardedFor, viewport } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 800 },
    colorScheme: 'dark',
    extraHTTPHeaders: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {},
  });
  const page = await context.newPage();
  return collectProblems(page);
}

/**
 * Gathers in page.problems what a viewer would never see but is a defect: uncaught errors, and anything the page's
 * Content Security Policy refused (the app or a library needed it). Playwright's and Puppeteer's pages alike.
 */
export function collectProblems(page) {
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) page.problems.push(`refused: ${message.text()}`);
  });
  return page;
}

/** A screenshot into $SCREENSHOTS (Playwright's and Puppeteer's pages alike). */
export async function shot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}.png`) });
}

export async function signIn(page, base, email, password) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
}

export async function pickProfile(page, name) {
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await until(async () => {
    if (new URL(page.url()).pathname !== '/profiles') return true;
    const alert = page.getByRole('alert');
    if (await alert.count()) throw new Error(`picking the profile ${name} failed: ${await alert.first().innerText()}`);
    return false;
  }, `the profile ${name} to open`, 30000);
}

/**
 * Holds the app's chunk back on this page until release(), so a player page runs only its early stream: what a
 * viewer has before the app renders the player. Past the app's service worker, which would answer the chunk from
 * its cache where page.route cannot hold it. held() counts the requests held.
 */
export async function holdAppChunk(page) {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.setBypassServiceWorker', { bypass: true });
  const chunk = /\/assets\/appMain-[^/?]+\.js/;
  let held = 0;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(chunk, async (route) => {
    held += 1;
    await released;
    // The modulepreload and the import may ask for it twice; the one the browser dropped meanwhile is handled already.
    await route.continue().catch(() => undefined);
  });
  return {
    held: () => held,
    release: async () => {
      release();
      await page.unroute(chunk);
    },
  };
}

/** The player's video and what the player measured. */
export async function player(page) {
  return page.evaluate(() => {
    const video = document.querySelector('video');
    return {
      t: video?.currentTime ?? 0,
      frames: video?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      paused: video?.paused ?? true,
      ...(window.marqueePlayer ?? {}),
    };
  });
}

export async function until(check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the video has advanced to at least `seconds`, failing on a fatal player error. */
export async function playsTo(page, seconds, timeoutMs = 60000) {
  return until(async () => {
    const state = await player(page);
    if (state.fatal) throw new Error(`fatal player error ${state.fatal}`);
    return state.t >= seconds && state.frames > 0 ? state : null;
  }, `playback to ${seconds} s`, timeoutMs);
}

/**
 * Waits until the server holds the position of what the player page plays (its /watch/{id}) within half a second
 * of `seconds` (what the pause heartbeat saves), asking as the page itself would. Playwright's and Puppeteer's
 * pages alike.
 */
export async function positionSaved(page, seconds) {
  const playbackId = new URL(page.url()).pathname.split('/').pop();
  return until(() => page.evaluate(async ([id, want]) => {
    const response = await fetch(`/api/v1/progress/${encodeURIComponent(id)}`);
    if (!response.ok) return null;
    const { items } = await response.json();
    return items.find((item) => Math.abs(item.positionSeconds - want) < 0.5) ?? null;
  }, [playbackId, seconds]), `the position ${seconds} s saved`, 30000);
}

/** Waits until a subtitle track shows and has cues: its language and how many. Playwright's and Puppeteer's pages alike. */
export async function subtitleCues(page) {
  return until(() => page.evaluate(() => {
    const track = Array.from(document.querySelector('video').textTracks).find((t) => t.mode === 'showing');
    return track?.cues?.length ? { language: track.language || track.label, cues: track.cues.length } : null;
  }), 'subtitle cues');
}

function decodeBody(raw) {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trim();
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body;
}

/** The first link in the newest message to `to` whose subject starts with `subject`, from the pickup folder. */
export async function mailLink(folder, to, subject) {
  return until(async () => {
    let files = [];
    try {
      files = (await readdir(folder)).filter((f) => f.endsWith('.eml')).sort().reverse();
    } catch {
      return null;
    }
    for (const file of files) {
      const raw = await readFile(path.join(folder, file), 'utf8');
      if (!raw.includes(to) || !new RegExp(`^Subject: ${subject}`, 'm').test(raw)) continue;
      const link = decodeBody(raw).split(/\r?\n/).find((line) => line.startsWith('http'));
      if (link) return link.trim();
    }
    return null;
  }, `mail "${subject}" to ${to}`, 30000);
}

/** What a failed script's page showed: its address, its alerts and problems, and a screenshot (failed-N.png). */
export async function describeFailure(page) {
  try {
    const alerts = await page.$$eval('[role=alert], [role=status]', (nodes) => nodes.map((n) => n.textContent.trim()).filter(Boolean));
    console.error(`page ${page.url()}; alerts: ${JSON.stringify(alerts)}; problems: ${JSON.stringify(page.problems ?? [])}`);
    await shot(page, `failed-${process.argv[1].split('/').pop().replace('.mjs', '')}-${Date.now()}`);
  } catch (error) {
    console.error(`could not describe the page: ${error.message}`);
  }
}

export function report(result) {
  console.log(JSON.stringify(result));
}

export async function main(body) {
  const browser = await launch();
  try {
    await body(browser);
  } catch (error) {
    console.error(error?.stack ?? String(error));
    for (const context of browser.contexts()) {
      for (const page of context.pages()) await describeFailure(page);
    }
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
