// Discovery in the browser: thumbs on a title page (kept across a reload), "More like this", the "how was it?"
// thumbs at the end of a movie, and on home the numbered top 10 and "Not for me" on a pick.
// Usage: node web/discovery.mjs BASE_URL EMAIL PASSWORD TITLE_ID
import { main, newPage, pickProfile, playsTo, report, shot, signIn, until } from './browser.mjs';

const [base, email, password, titleId] = process.argv.slice(2);

/** The profile's rating of a title, as the server keeps it. */
function savedRating(page, id) {
  return page.evaluate(async (title) => (await (await fetch(`/api/v1/ratings/${encodeURIComponent(title)}`)).json()).value, id);
}

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);

  await page.goto(`${base}/title/${titleId}`);
  await page.getByRole('button', { name: 'I like this' }).click();
  await until(async () => (await savedRating(page, titleId)) === 'up', 'the thumbs up to be saved', 10000);
  await page.reload();
  const liked = page.getByRole('button', { name: 'I like this' });
  await until(async () => (await liked.getAttribute('aria-pressed')) === 'true', 'the thumbs up to show after a reload', 10000);
  await page.getByRole('heading', { name: 'More like this' }).waitFor();
  const similar = await page.locator('[data-row="similar"] .poster-card').count();
  await shot(page, 'title-thumbs-more-like-this');

  // To the end of the movie: the player asks how it was.
  await page.getByRole('link', { name: /^▶ (Play|Resume)/ }).click();
  await playsTo(page, 1);
  await page.locator('body').press('ArrowRight');
  const dialog = page.getByRole('dialog', { name: /^How was / });
  await dialog.waitFor({ timeout: 30000 });
  await shot(page, 'player-how-was-it');
  await dialog.getByRole('button', { name: 'Love this!' }).click();
  await until(async () => (await savedRating(page, titleId)) === 'love', 'the love to be saved', 10000);

  // Home, once the model has followed (the cluster refreshes it every few seconds).
  let picks = [];
  await until(async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Free to watch' }).waitFor();
    picks = await page.locator('[data-row="for-you"] .poster-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('href')));
    return picks.length > 0 && (await page.locator('[data-row="top-10"] .rank').count()) > 0;
  }, 'the top 10 and the picks on home', 60000);
  const firstRank = await page.locator('[data-row="top-10"] .rank').first().innerText();
  const topLabel = await page.locator('[data-row="top-10"] .poster-card').first().getAttribute('aria-label');
  const picksHeading = await page.locator('section:has([data-row="for-you"]) h2').innerText();
  await shot(page, 'home-discovery');

  const dismissedHref = picks[0];
  const dismissedId = decodeURIComponent(dismissedHref.split('/').pop());
  const firstCard = page.locator('[data-row="for-you"] li').first();
  await firstCard.hover();
  await firstCard.getByRole('button', { name: /^Not for me:/ }).click();
  await until(async () => (await savedRating(page, dismissedId)) === 'down', 'the "not for me" to be saved', 10000);
  const picksAfter = await page.locator('[data-row="for-you"] .poster-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('href')));

  report({
    ok: true,
    similar,
    firstRank,
    topLabel,
    picksHeading,
    dismissedGone: !picksAfter.includes(dismissedHref),
    problems: page.problems,
  });
});
