// A new viewer's whole first visit: sign up, confirm by mail, sign in, pick the profile, search with a typo, open
// a title, play it (the video advances and decodes), seek, leave, and resume from "Continue watching". On the
// way it scores the home page's layout shift on a fresh load.
// Usage: node web/viewer-journey.mjs BASE_URL MAIL_FOLDER EMAIL PASSWORD
import { main, mailLink, newPage, pickProfile, player, playsTo, positionSaved, report, shot, until } from './browser.mjs';

const [base, mail, email, password] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await page.goto(base);
  await page.getByRole('link', { name: 'Create an account' }).waitFor();
  // What the first visit's scripts weighed on the wire (compressed), the budget of the issue being 300 KB.
  const firstLoadScriptBytes = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('.js')).reduce((sum, entry) => sum + entry.encodedBodySize, 0));
  await shot(page, 'landing');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();

  const link = await mailLink(mail, email, 'Confirm');
  await page.goto(link);
  await page.getByText('Your address is confirmed').waitFor();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
  await shot(page, 'profiles');
  const profileName = email.split('@')[0];
  await pickProfile(page, profileName);
  await page.getByRole('heading', { name: 'Free to watch' }).waitFor();
  await shot(page, 'home');

  // Layout shift of a fresh load of home (Cumulative Layout Shift, as the browser scores it) while the rows and
  // the posters in view arrive: placeholders of the same size stand in, so nothing should move.
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Free to watch' }).waitFor();
  await until(() => page.evaluate(() => {
    const inView = Array.from(document.querySelectorAll('main img')).filter((img) => {
      const box = img.getBoundingClientRect();
      return box.top < innerHeight && box.bottom > 0 && box.left < innerWidth && box.right > 0;
    });
    return inView.length > 0 && inView.every((img) => img.complete);
  }), 'the posters in view');
  await page.waitForTimeout(500);
  const homeLayoutShift = await page.evaluate(() => window.layoutShift);

  // Search as you type, with a typo.
  await page.getByLabel('Search titles').fill('lnog signl');
  await page.getByRole('link', { name: 'The Long Signal' }).first().waitFor();
  await shot(page, 'search');
  await page.getByRole('link', { name: 'The Long Signal' }).first().click();
  await page.getByRole('heading', { name: 'The Long Signal' }).waitFor();
  await shot(page, 'title');

  const now = () => page.evaluate(() => performance.timeOrigin + performance.now());
  const firstFrame = () => until(async () => (await player(page)).firstFrameAt, 'the first frame');
  let clicked = await now();
  await page.getByRole('link', { name: /Play/ }).click();
  const started = await playsTo(page, 2);
  // From the click (the player's code, the playback API, playlists, segments, decoding) to the first frame shown.
  const cold = Math.round((await firstFrame()) - clicked);
  await page.mouse.move(640, 700);
  await shot(page, 'player');

  // Seek forward with the keyboard (→ is 10 s), then pause: the pause heartbeat saves the position.
  await page.locator('body').press('ArrowRight');
  const seeked = await playsTo(page, started.t + 8);
  await page.locator('body').press(' ');
  await until(async () => (await player(page)).paused, 'pause');
  const saved = (await player(page)).t;
  await positionSaved(page, saved);

  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('link', { name: 'Marquee home' }).click();
  await page.getByRole('heading', { name: 'Continue watching' }).waitFor();
  await shot(page, 'home-continue');
  clicked = await now();
  await page.getByRole('link', { name: 'Resume The Long Signal' }).click();
  const resumed = await playsTo(page, 0.1);
  const warm = Math.round((await firstFrame()) - clicked);
  report({
    ok: true, started: started.t, seekedTo: seeked.t, saved, resumedAt: resumed.t,
    timeToFirstFrameColdMs: cold, timeToFirstFrameWarmMs: warm, firstLoadScriptBytes, homeLayoutShift, hosts: resumed.hosts, problems: page.problems,
  });
});
