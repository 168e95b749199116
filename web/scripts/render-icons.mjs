// Renders the app's install icons (web/public/icons/*.png) from web/public/favicon.svg with Debian's Chromium, once;
// the PNGs are committed. Run again after changing the favicon: node web/scripts/render-icons.mjs
// The maskable icon fills its square with the brand red and keeps the mark inside the circle of 80 % (the safe zone
// launchers never crop, https://web.dev/articles/maskable-icon).
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..');
// playwright-core lives with the end-to-end tests' tools, not in the web app's dependencies.
const require = createRequire(path.join(web, '..', 'tests', 'js', 'package.json'));
const { chromium } = require('playwright-core');

const svg = await readFile(path.join(web, 'public', 'favicon.svg'), 'utf8');
const glyph = /<path[^>]*\/>/.exec(svg)?.[0];
if (!glyph) throw new Error('favicon.svg has no <path> to take the mark from');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#e50914"/><g transform="translate(16 16) scale(0.8) translate(-16 -16)">${glyph}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-512.png', size: 512, source: maskable },
];

const out = path.join(web, 'public', 'icons');
await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const data = Buffer.from(icon.source).toString('base64');
    await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block;width:${icon.size}px;height:${icon.size}px}</style><img src="data:image/svg+xml;base64,${data}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(out, icon.file), omitBackground: true });
    await page.close();
    console.log(`${icon.file} ${icon.size}x${icon.size}`);
  }
} finally {
  await browser.close();
}
