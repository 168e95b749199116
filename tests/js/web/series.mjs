// A series: the title page lists its episodes; when one ends the player counts down to the next and plays it from
// its start (or at once, with "Play now").
// Usage: node web/series.mjs BASE_URL EMAIL PASSWORD SERIES_ID
import { main, newPage, pickProfile, player, playsTo, report, shot, signIn, until } from './browser.mjs';

const [base, email, password, seriesId] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  await page.goto(`${base}/title/${seriesId}`);
  await page.getByRole('heading', { name: 'Episodes' }).waitFor();
  const episodes = await page.locator('.episode-list .episode-name').allInnerTexts();
  await shot(page, 'series');

  await page.getByRole('link', { name: /^Play episode 1:/ }).click();
  await playsTo(page, 1);
  const first = new URL(page.url()).pathname;
  const firstHeading = await page.locator('.player-title').innerText();
  // → seeks 10 s, past the end of a short episode: the countdown to the next one starts, and runs out.
  await page.locator('body').press('ArrowRight');
  const countdown = await page.getByRole('status').filter({ hasText: 'Next: episode 2' }).innerText();
  await shot(page, 'player-next-episode');
  await until(async () => new URL(page.url()).pathname !== first, 'the next episode to open', 30000);
  const second = new URL(page.url()).pathname;
  // Episode 2 from its start, not from where episode 1 ended, and it stays on: nothing of episode 1 carries over.
  const secondAt = await startsOver(page, 'the next episode');
  const secondHeading = await page.locator('.player-title').innerText();

  // The same at the end of episode 2, this time with "Play now".
  await page.locator('body').press('ArrowRight');
  await page.getByRole('button', { name: 'Play now' }).click();
  await until(async () => new URL(page.url()).pathname !== second, 'the third episode to open');
  await startsOver(page, 'the third episode');
  const thirdHeading = await page.locator('.player-title').innerText();
  report({ ok: true, episodes, firstHeading, countdown, secondHeading, secondAt, thirdHeading, problems: page.problems });
});

/** Waits until the newly opened episode plays from near its start; returns where it had got to at 1 s or more. */
async function startsOver(page, what) {
  await until(async () => {
    const state = await player(page);
    return state.t < 5 && state.frames > 0;
  }, `${what} to start`);
  return (await playsTo(page, 1)).t;
}
