// Watch parties in real browsers: a host starts a party from a title page; two more Chromium members and a Firefox
// member join through the invite link; the host's play, pause and seek reach everyone and the positions agree; a
// joiner mid-play pauses nobody; a member cut off (offline) stops nobody and catches up when back; chat arrives as
// text; a member whose region lacks the licence is refused with the reason and the party is told. Measures "invite
// click to playing in sync" (Join clicked → the member within 100 ms of the party) in Chromium.
// Usage: node web/party.mjs BASE_URL PASSWORD TITLE_ID US_ONLY_TITLE_ID HOST_EMAIL GUEST_EMAIL THIRD_EMAIL FIREFOX_EMAIL GERMAN_EMAIL
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { main, newPage, pickProfile, report, shot, signIn, until } from './browser.mjs';
import { byRole, field, launchFirefox, newFirefoxPage } from './firefox.mjs';

const [base, password, titleId, usOnlyTitleId, hostEmail, guestEmail, thirdEmail, firefoxEmail, germanEmail] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const markup = '<b>hi</b>';

async function open(browser, email, options) {
  const page = await newPage(browser, options);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  return page;
}

/** The video's position and the wall clock together (every page is on this machine: one clock). */
const sample = (page) => page.evaluate(() => {
  const video = document.querySelector('video');
  return { t: video?.currentTime ?? 0, paused: video?.paused ?? true, at: Date.now(), party: window.marqueeParty ?? null };
});

/** How far apart two members are, s, each position carried to the same instant. */
async function apart(a, b) {
  const [x, y] = await Promise.all([sample(a), sample(b)]);
  const rate = x.paused ? 0 : 1;
  return Math.abs(x.t + (rate * (y.at - x.at)) / 1000 - y.t);
}

/** Waits until every member is within `tolerance` s of the first, and returns the largest gap seen last. */
async function agree(pages, what, tolerance = 0.5, timeoutMs = 30000) {
  let worst = Infinity;
  await until(async () => {
    const gaps = await Promise.all(pages.slice(1).map((p) => apart(pages[0], p)));
    worst = Math.max(...gaps);
    return worst <= tolerance;
  }, `${what} (gap ${worst.toFixed(3)} s)`, timeoutMs);
  return worst;
}

/**
 * Waits until the members agree, then gives them time to settle and measures again: a member that has just sought
 * ahead waits there for the party, and so passes through every gap on its way to none.
 */
async function settle(pages, what, timeoutMs = 30000) {
  await agree(pages, what, 0.5, timeoutMs);
  await pages[0].waitForTimeout(2500);
  return agree(pages, `${what}, settled`, 0.5, 10000);
}

/** Sets a host setting (a radio or checkbox the server's answer turns), and waits for it to turn. */
async function setting(control, on = true) {
  await control.click();
  await until(async () => (await control.isChecked()) === on, 'the setting to take', 10000);
}

/** Counts the <video>'s pause events from now on, to show that nothing paused it. */
const watchPauses = (page) => page.evaluate(() => {
  window.__pauses = 0;
  document.querySelector('video')?.addEventListener('pause', () => window.__pauses++);
});
const pauses = (page) => page.evaluate(() => window.__pauses ?? -1);

/** Clicks Join; with `measure`, waits until the member plays in sync and returns the ms from the click. */
async function join(page, measure = true) {
  await page.getByRole('button', { name: 'Join the party' }).click();
  await page.getByRole('complementary', { name: 'Watch party' }).waitFor();
  if (!measure) return until(async () => (await sample(page)).party?.state === 'paused', 'the member ready, paused', 30000);
  return until(async () => {
    const s = await sample(page);
    return s.party?.inSyncMs !== undefined ? s.party.inSyncMs : null;
  }, 'the member in sync', 30000);
}

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

await main(async (browser) => {
  // The host starts the party from the title page and is in at once.
  const host = await open(browser, hostEmail);
  await host.goto(`${base}/title/${titleId}`);
  await host.getByRole('button', { name: 'Watch together' }).click();
  await host.waitForURL(/\/party\//);
  await host.getByRole('complementary', { name: 'Watch party' }).waitFor();
  const invite = await host.getByLabel('Invite link').inputValue();
  const inviteUrl = `${base}${new URL(invite).pathname}`;
  await until(async () => (await sample(host)).party?.state === 'paused', 'the host ready, paused', 30000);

  // A guest opens the invite: the title, the host, who is there; joins.
  const guest = await open(browser, guestEmail);
  // The guest's hub socket goes through Playwright, so the outage below can cut it as a real one would.
  const guestSockets = [];
  await guest.routeWebSocket(/\/hubs\/party/, (socket) => {
    guestSockets.push({ page: socket, server: socket.connectToServer() });
  });
  await guest.goto(inviteUrl);
  await guest.getByRole('button', { name: 'Join the party' }).waitFor();
  const inviteText = await guest.locator('main').innerText();
  const inviteAxe = await axe(guest);
  await join(guest, false);
  const lockedHint = await guest.locator('#party-locked').innerText();
  const guestPlayDisabled = await guest.getByRole('button', { name: 'Play' }).isDisabled();

  // The host plays: it reaches the guest.
  await host.getByRole('button', { name: 'Play' }).click();
  await until(async () => !(await sample(guest)).paused && (await sample(guest)).t > 1, 'the guest playing', 30000);
  await host.waitForTimeout(3000);
  const playGap = await settle([host, guest], 'positions to agree while playing');
  // Two friends talking over it: the screenshot of the party page.
  await guest.getByRole('textbox', { name: 'Message' }).fill('Popcorn is ready. Is the sound in sync for you too?');
  await guest.getByRole('button', { name: 'Send' }).click();
  await host.locator('.party-chat-text', { hasText: 'Popcorn' }).waitFor();
  await host.getByRole('textbox', { name: 'Message' }).fill('Perfectly. Shh, this is the good part!');
  await host.getByRole('button', { name: 'Send' }).click();
  await guest.locator('.party-chat-text', { hasText: 'good part' }).waitFor();
  await host.mouse.move(400, 400);
  await shot(host, 'party');

  // A second Chromium member joins mid-play: nobody else pauses; its invite click to in-sync time is measured.
  await watchPauses(host);
  await watchPauses(guest);
  const third = await open(browser, thirdEmail);
  await third.goto(inviteUrl);
  const inviteToSyncMs = await join(third);
  const pausesWhileJoining = (await pauses(host)) + (await pauses(guest));
  const threeGap = await settle([host, guest, third], 'three members agreeing');

  // Pause: everyone stops at the same frame.
  await host.getByRole('button', { name: 'Pause' }).click();
  await until(async () => (await Promise.all([guest, third].map(sample))).every((s) => s.paused), 'everyone paused', 10000);
  await host.waitForTimeout(500);
  const pausedGap = await agree([host, guest, third], 'positions to agree when paused', 0.2);
  const pausedAt = (await sample(host)).t;

  // Seek forward 10 s (the host's button), then play again.
  await host.getByRole('button', { name: 'Forward 10 seconds' }).click();
  await until(async () => (await Promise.all([host, guest, third].map(sample))).every((s) => s.t > pausedAt + 8), 'everyone at the new position', 15000);
  const seekedTo = (await sample(guest)).t;
  await host.getByRole('button', { name: 'Play' }).click();
  const seekGap = await settle([host, guest, third], 'positions to agree after the seek');

  // A Firefox member joins too.
  const firefox = await launchFirefox();
  let firefoxGap = null;
  let firefoxInSyncMs = null;
  try {
    const fox = await newFirefoxPage(firefox);
    await fox.goto(`${base}/signin`);
    await (await field(fox, 'Email')).fill(firefoxEmail);
    await (await field(fox, 'Password')).fill(password);
    await byRole(fox, 'button', 'Sign in').click();
    await byRole(fox, 'heading', 'Who’s watching?').wait();
    await byRole(fox, 'button', firefoxEmail.split('@')[0]).click();
    await until(async () => new URL(fox.url()).pathname !== '/profiles', 'the Firefox profile to open', 30000);
    await fox.goto(inviteUrl);
    await byRole(fox, 'button', 'Join the party').click();
    firefoxInSyncMs = await until(() => fox.evaluate(() => window.marqueeParty?.inSyncMs ?? null), 'Firefox in sync', 30000);
    const foxAgrees = () => until(async () => {
      const [h, f] = await Promise.all([sample(host), fox.evaluate(() => ({ t: document.querySelector('video')?.currentTime ?? 0, at: Date.now() }))]);
      firefoxGap = Math.abs(h.t + (f.at - h.at) / 1000 - f.t);
      return firefoxGap <= 0.5;
    }, 'Firefox agreeing with the host', 30000);
    await foxAgrees();
    await host.waitForTimeout(2500);
    await foxAgrees();
    if (fox.problems.length) throw new Error(`Firefox: ${fox.problems.join('; ')}`);
  } finally {
    await firefox.close();
  }

  // The guest's network is cut (and its hub socket with it): the others play on; the host seeks meanwhile; back
  // online, the guest reconnects, re-joins and catches up.
  const before = await Promise.all([host, third].map(sample));
  await guest.context().setOffline(true);
  for (const socket of guestSockets.splice(0)) {
    await socket.server.close({ code: 1001, reason: 'outage' }).catch(() => undefined);
    await socket.page.close({ code: 4000, reason: 'outage' }).catch(() => undefined);
  }
  await host.waitForTimeout(4000);
  const during = await Promise.all([host, third].map(sample));
  const advancedWhileOffline = Math.min(...during.map((s, i) => s.t - before[i].t));
  const othersPlaying = during.every((s) => !s.paused);
  // Back, not forward: the clip is 90 s and the party has more to do.
  await host.getByRole('button', { name: 'Back 10 seconds' }).click();
  await host.waitForTimeout(2000);
  await guest.context().setOffline(false);
  const backOnline = Date.now();
  await agree([host, guest], 'the guest catching up after the outage', 0.5, 45000);
  const catchUpMs = Date.now() - backOnline;
  const offlineGap = await settle([host, guest], 'the guest caught up');
  const guestReconnects = (await sample(guest)).party?.reconnects ?? null;

  // Chat, as text: markup stays markup.
  await guest.getByRole('textbox', { name: 'Message' }).fill(markup);
  await guest.getByRole('button', { name: 'Send' }).click();
  const message = host.locator('.party-chat-text').filter({ hasText: /^<b>hi<\/b>$/ }).first();
  await message.waitFor();
  const chatText = await message.innerText();
  const chatElements = await host.locator('.party-chat-log b').count();
  await host.getByRole('button', { name: 'Love' }).click();
  await guest.locator('.party-float', { hasText: 'Love' }).first().waitFor();
  // Then "wait for everyone" (with everyone in control): the guest plays, the party waits until every member is
  // ready there, and plays together.
  // The host passes control to the guest, who pauses the party; takes it back; then lets everyone control.
  await host.getByRole('button', { name: 'Give control to party-guest' }).click();
  await until(async () => !(await guest.getByRole('button', { name: 'Pause' }).isDisabled()), 'the guest given control', 10000);
  const hostHintAfterPassing = await host.locator('#party-locked').innerText();
  await guest.getByRole('button', { name: 'Pause' }).click();
  await until(async () => (await Promise.all([host, third].map(sample))).every((s) => s.paused), 'the guest’s pause reaching everyone', 10000);
  const guestPaused = true;
  await host.getByRole('button', { name: 'Take back control' }).click();
  await until(async () => (await guest.getByRole('button', { name: 'Play' }).isDisabled()), 'the host taking control back', 10000);
  await setting(host.getByRole('radio', { name: 'Everyone' }));
  await until(async () => !(await guest.getByRole('button', { name: 'Play' }).isDisabled()), 'everyone allowed to control', 10000);
  await setting(host.getByRole('checkbox', { name: 'Wait for everyone before playing' }));
  await guest.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await Promise.all([host, guest, third].map(sample))).every((s) => !s.paused), 'everyone playing after waiting for everyone', 20000);
  const waitedGap = await settle([host, guest, third], 'positions to agree after waiting for everyone');
  const afterWaiting = await Promise.all([host, guest, third].map(sample));
  const playingAfterWaiting = afterWaiting.every((s) => !s.paused);
  await setting(host.getByRole('checkbox', { name: 'Wait for everyone before playing' }), false);
  await setting(host.getByRole('radio', { name: 'The host' }));
  const members = await host.locator('.party-panel .party-member').allInnerTexts();
  const playerAxe = await axe(host);
  await shot(host, 'party-three');

  // A member in a country where the title is not licensed: refused with the reason, and the party hears of it.
  const problems = [...host.problems, ...guest.problems, ...third.problems];
  await Promise.all([guest, third].map((p) => p.context().close()));
  await host.goto(`${base}/title/${usOnlyTitleId}`);
  await host.getByRole('button', { name: 'Watch together' }).click();
  await host.waitForURL(/\/party\//);
  await host.getByRole('complementary', { name: 'Watch party' }).waitFor();
  const usInvite = `${base}${new URL(await host.getByLabel('Invite link').inputValue()).pathname}`;
  const german = await open(browser, germanEmail, { forwardedFor: '198.51.100.7' });
  await german.goto(usInvite);
  const refusal = german.locator('.party-refusal');
  await refusal.waitFor();
  const refusalText = await refusal.innerText();
  const joinOffered = await german.getByRole('button', { name: 'Join the party' }).count();
  await shot(german, 'party-refused');
  const notice = host.locator('.party-notices p', { hasText: 'could not join' }).first();
  await notice.waitFor({ timeout: 15000 });
  const refusedNotice = await notice.innerText();

  const result = {
    ok: true, inviteText, lockedHint, guestPlayDisabled, playGap, inviteToSyncMs, pausesWhileJoining, threeGap, pausedGap, seekedTo, pausedAt, seekGap,
    firefoxGap, firefoxInSyncMs, advancedWhileOffline, othersPlaying, offlineGap, catchUpMs, guestReconnects, guestPaused, hostHintAfterPassing, waitedGap, playingAfterWaiting, afterWaiting, chatText, chatElements, members,
    inviteAxe, playerAxe, refusalText, joinOffered, refusedNotice, problems: [...problems, ...german.problems],
  };
  console.error(`invite click to playing in sync (Chromium): ${inviteToSyncMs} ms; Firefox: ${firefoxInSyncMs} ms`);
  report(result);
});
