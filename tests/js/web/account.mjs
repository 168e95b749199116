// The account screens: a forgotten password reset through the mailed link, a passkey added (Chromium's virtual
// authenticator) and used to sign in without a password, a plan change, and the list of signed-in devices.
// Usage: node web/account.mjs BASE_URL MAIL_FOLDER EMAIL OLD_PASSWORD NEW_PASSWORD
import { main, mailLink, newPage, pickProfile, report, shot, signIn } from './browser.mjs';

const [base, mail, email, oldPassword, newPassword] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await page.goto(`${base}/signin`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByRole('status').waitFor();
  await page.goto(await mailLink(mail, email, 'Reset'));
  await page.getByRole('textbox', { name: 'New password' }).fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  const resetMessage = await page.getByRole('status').innerText();

  let oldRefused = '';
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(oldPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  oldRefused = await page.getByRole('alert').innerText();

  await signIn(page, base, email, newPassword);
  await pickProfile(page, email.split('@')[0]);
  await page.goto(`${base}/account`);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await page.getByLabel('Name for the new passkey').fill('Test browser');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Test browser', { exact: true }).waitFor();

  await page.getByRole('button', { name: /^Switch to Premium/ }).click();
  const planMessage = await page.getByText('You are now on the').innerText();
  const devices = await page.locator('section[aria-labelledby="sessions-title"] li').allInnerTexts();
  await shot(page, 'account');

  await page.getByRole('button', { name: /^Profile menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.goto(`${base}/signin`);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
  await pickProfile(page, email.split('@')[0]);
  await page.goto(`${base}/account`);
  const signedInAs = await page.getByText('Signed in as').innerText();
  report({ ok: true, resetMessage, oldRefused, planMessage, devices, signedInAs, problems: page.problems });
});
