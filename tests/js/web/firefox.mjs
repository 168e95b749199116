// Firefox for the end-to-end scripts: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core.
// Playwright drives only its own patched Firefox (a download this machine cannot make), and its experimental
// stock-Firefox channel sends BiDi commands Firefox ESR does not have yet; Puppeteer drives stock Firefox.
import puppeteer from 'puppeteer-core';
import { collectProblems, until } from './browser.mjs';

export async function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    // No telemetry, updates or first-run pages; the viewer's click starts playback anyway.
    extraPrefsFirefox: {
      'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false,
      'browser.startup.homepage_override.mstone': 'ignore', 'media.autoplay.default': 0,
    },
  });
}

/** A fresh private context (its own cookies and storage), like a new visitor. */
export async function newFirefoxPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  return collectProblems(page);
}

/** The form control a visible or visually hidden <label> names, as a person (or a screen reader) finds it. */
export async function field(page, label) {
  const id = await until(() => page.evaluate((text) => Array.from(document.querySelectorAll('label'))
    .find((l) => l.textContent.trim() === text)?.htmlFor ?? null, label), `the field "${label}"`, 30000);
  return page.locator(`[id="${id}"]`);
}

/** An element by its role and accessible name, as the browser's accessibility tree has them. */
export function byRole(page, role, name) {
  return page.locator(`::-p-aria([role="${role}"][name="${name.replaceAll('"', '\\"')}"])`);
}

/** Opens the player's menu `menu` (Quality, Audio, Subtitles) and picks the option labelled `label`; returns all labels. */
export async function choose(page, menu, label) {
  await page.mouse.move(640, 700);
  await page.locator(`.player-menu ::-p-text(${menu}:)`).click();
  const list = `[role=listbox][aria-label="${menu}"] [role=option] button`;
  await page.locator(list).wait();
  const labels = await page.$$eval(list, (buttons) => buttons.map((b) => b.textContent.trim()));
  const wanted = typeof label === 'function' ? label(labels) : label;
  const index = labels.indexOf(wanted);
  if (index < 0) throw new Error(`the ${menu} menu offers ${labels.join(', ')}, not ${wanted}`);
  await (await page.$$(list))[index].click();
  return { labels, chosen: wanted };
}
