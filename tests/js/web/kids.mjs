// A kids profile: made in the profile picker, it sees titles up to its rating and cannot open an adult one.
// Usage: node web/kids.mjs BASE_URL EMAIL PASSWORD ADULT_TITLE_ID FAMILY_TITLE_ID
import { main, newPage, pickProfile, report, shot, signIn } from './browser.mjs';

const [base, email, password, adultId, familyId] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Name').fill('Kiddo');
  await page.getByLabel('Kids profile').check();
  await page.getByLabel('Titles up to').selectOption('7');
  await page.getByRole('button', { name: 'Add profile', exact: true }).last().click();
  await page.getByRole('button', { name: /^K?Kiddo/ }).waitFor();
  await shot(page, 'profiles-kids');
  await pickProfile(page, 'K?Kiddo');
  await page.getByRole('heading', { name: 'Free to watch' }).waitFor();
  const homeText = await page.locator('main').innerText();

  await page.goto(`${base}/title/${adultId}`);
  const refusal = page.getByRole('heading', { name: 'Not available on this profile' });
  await refusal.waitFor();
  const refusalText = await page.getByRole('alert').innerText();
  await shot(page, 'title-kids-refused');

  await page.goto(`${base}/title/${familyId}`);
  const family = await page.getByRole('heading', { level: 1 }).innerText();
  report({ ok: true, homeShowsAdult: homeText.includes('The Sierpinski Gasket'), homeShowsFamily: homeText.includes('Test Card F'), refusalText, family, problems: page.problems });
});
