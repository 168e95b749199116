// Regional catalogs in the browser: a viewer placed in Germany finds a Germany-only title; the same account at a
// US address neither finds it nor can open it.
// Usage: node web/regions.mjs BASE_URL EMAIL PASSWORD TITLE_ID QUERY
import { main, newPage, pickProfile, report, shot, signIn } from './browser.mjs';

const [base, email, password, titleId, query] = process.argv.slice(2);
const profile = email.split('@')[0];

async function search(page) {
  await page.goto(`${base}/search?q=${encodeURIComponent(query)}`);
  await page.getByRole('status').filter({ hasText: /titles?$/ }).waitFor();
  return page.locator('main .grid a.poster-card').allInnerTexts();
}

await main(async (browser) => {
  const germany = await newPage(browser, { forwardedFor: '198.51.100.7' });
  await signIn(germany, base, email, password);
  await pickProfile(germany, profile);
  const germanResults = await search(germany);
  await germany.goto(`${base}/title/${titleId}`);
  const germanHeading = await germany.getByRole('heading', { level: 1 }).innerText();

  const us = await newPage(browser);
  await signIn(us, base, email, password);
  await pickProfile(us, profile);
  const usResults = await search(us);
  await us.goto(`${base}/title/${titleId}`);
  await us.getByRole('heading', { name: 'Not available in your region' }).waitFor();
  const usMessage = await us.getByRole('alert').innerText();
  await shot(us, 'title-region-refused');
  report({ ok: true, germanResults, germanHeading, usResults, usMessage, problems: [...germany.problems, ...us.problems] });
});
