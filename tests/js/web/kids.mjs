// A kids profile: made in the profile picker, it sees titles up to its rating and cannot open an adult one. Before
// that, a profile locked with a PIN whose PIN is "forgotten" is opened with the account's password.
// Usage: node web/kids.mjs BASE_URL EMAIL PASSWORD ADULT_TITLE_ID FAMILY_TITLE_ID
import { main, newPage, pickProfile, report, shot, signIn } from './browser.mjs';

const [base, email, password, adultId, familyId] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Name').fill('Vault');
  await page.getByLabel('PIN (optional)').fill('2468');
  await page.getByRole('button', { name: 'Add profile', exact: true }).last().click();
  await page.getByRole('button', { name: /^V?Vault/ }).click();
  await page.getByRole('button', { name: 'Forgot PIN?' }).click();
  await page.getByLabel('Your account password removes the PIN of Vault').fill(password);
  await shot(page, 'profiles-forgot-pin');
  await page.getByRole('button', { name: 'Remove PIN' }).click();
  await page.getByRole('heading', { name: 'Free to watch' }).waitFor();
  const pinLifted = new URL(page.url()).pathname === '/';

  await page.goto(`${base}/profiles`);
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
  // Kids profiles meet no other people: no conversation under a title (absent, so give it time to have come), no
  // People or Feed in the navigation, and the People page says why.
  await page.waitForTimeout(1500);
  const conversation = await page.getByRole('heading', { name: 'Conversation' }).count();
  const socialLinks = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^(People|Feed)$/ }).count();
  await page.goto(`${base}/people`);
  const peopleHeading = await page.getByRole('heading', { level: 1 }).innerText();
  report({
    ok: true, pinLifted, homeShowsAdult: homeText.includes('The Sierpinski Gasket'), homeShowsFamily: homeText.includes('Test Card F'), refusalText, family,
    conversation, socialLinks, peopleHeading, problems: page.problems,
  });
});
