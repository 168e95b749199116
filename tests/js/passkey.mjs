// Adds a passkey to an account and signs in with it, in Debian's Chromium with a virtual WebAuthn authenticator
// (Chrome DevTools Protocol), so the origin's passkey endpoints are exercised by a real browser's WebAuthn stack.
// Usage: node passkey.mjs BASE_URL EMAIL PASSWORD   (BASE_URL must be http://localhost:PORT: WebAuthn needs a
// secure context and a domain as relying-party id). Prints one JSON object with what each step answered.
import { chromium } from 'playwright-core';

const [baseUrl, email, password] = process.argv.slice(2);
if (!baseUrl || !email || !password) {
  console.error('usage: node passkey.mjs BASE_URL EMAIL PASSWORD');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  await page.goto(`${baseUrl}/healthz`);

  const result = await page.evaluate(async ({ email, password }) => {
    const json = async (response) => ({ status: response.status, body: await response.text() });
    const post = (url, body, headers = {}) => fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}),
    });
    const out = {};

    // Signed in with the password, the browser adds a passkey to the account.
    out.passwordLogin = (await post('/api/v1/auth/browser/login', { email, password })).status;
    const csrf = await (await fetch('/api/v1/auth/antiforgery')).json();
    const headers = { [csrf.headerName]: csrf.token };
    const creation = await (await post('/api/v1/account/passkeys/options', {}, headers)).json();
    const created = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(creation.options) });
    out.add = await json(await post('/api/v1/account/passkeys', { credential: created.toJSON(), state: creation.state, name: 'Test browser' }, headers));
    out.addReplayed = (await post('/api/v1/account/passkeys', { credential: created.toJSON(), state: creation.state }, headers)).status;
    out.list = await json(await fetch('/api/v1/account/passkeys'));
    out.logout = (await post('/api/v1/auth/browser/logout', {}, headers)).status;
    out.signedOut = (await fetch('/api/v1/account')).status;

    // Signed out, the browser signs in with the passkey alone: no email is typed or sent.
    const request = await (await post('/api/v1/auth/passkey/options')).json();
    const assertion = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(request.options) });
    out.passkeyLogin = (await post('/api/v1/auth/browser/passkey-login', { credential: assertion.toJSON(), state: request.state })).status;
    out.account = await json(await fetch('/api/v1/account'));
    const csrf2 = await (await fetch('/api/v1/auth/antiforgery')).json();
    await post('/api/v1/auth/browser/logout', {}, { [csrf2.headerName]: csrf2.token });
    out.loginReplayed = await json(await post('/api/v1/auth/passkey/login', { credential: assertion.toJSON(), state: request.state }));

    // A device client gets a token pair the same way.
    const again = await (await post('/api/v1/auth/passkey/options')).json();
    const second = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(again.options) });
    out.tokenLogin = await json(await post('/api/v1/auth/passkey/login', { credential: second.toJSON(), state: again.state }));
    return out;
  }, { email, password });
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
