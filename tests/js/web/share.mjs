// Sharing from the web app: the share menu's copy link (on the clipboard, and the selectable field when the
// clipboard is refused), the networks' and Mastodon's share addresses; a list made public is visible signed out at
// /list/{id} and gone once private; an invite link leads a new browser to sign-up and the inviter sees 1; start-time
// links start at their time, opened signed in (the page carries the playback) and signed out (after signing in);
// a refused start-time link lands on the title page with the reason and the time kept. axe-core on the share menu,
// the Lists page and the public list page.
// Usage: node web/share.mjs BASE_URL MAIL_FOLDER INVITER_EMAIL NEWCOMER_EMAIL PASSWORD TITLE_ID PLAN_TITLE_ID
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { holdAppChunk, mailLink, main, newPage, pickProfile, player, report, shot, signIn, until } from './browser.mjs';

const [base, mail, inviterEmail, newcomerEmail, password, titleId, planTitleId] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const inviterName = inviterEmail.split('@')[0];
const newcomerName = newcomerEmail.split('@')[0];

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The video's position at the first poll that shows a decoded frame and the video playing. */
async function startedAt(page) {
  return until(async () => {
    const state = await player(page);
    if (state.fatal) throw new Error(`fatal player error ${state.fatal}`);
    return state.frames > 0 && !state.paused ? state : null;
  }, 'the video playing', 30000);
}

await main(async (browser) => {
  const started = Date.now();
  const inviter = await newPage(browser);
  await inviter.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const clipboard = () => inviter.evaluate(() => navigator.clipboard.readText());
  await signIn(inviter, base, inviterEmail, password);
  await pickProfile(inviter, inviterName);

  // The invite link, and nobody through it yet.
  await inviter.goto(`${base}/account`);
  const inviteSection = inviter.getByRole('region', { name: 'Invite friends' });
  const inviteUrl = await inviteSection.locator('.list-link a').getAttribute('href');
  const countBefore = await inviteSection.locator('.invite-count').innerText();

  // The title page's share menu.
  const title = await inviter.evaluate(async (id) => (await fetch(`/api/v1/titles/${id}`)).json(), titleId);
  await inviter.goto(`${base}/title/${titleId}`);
  await inviter.getByRole('heading', { name: title.title, level: 1 }).waitFor();
  await inviter.getByRole('button', { name: 'Share', exact: true }).click();
  const panel = inviter.getByRole('dialog', { name: `Share ${title.title}` });
  await panel.waitFor();
  const focusInPanel = await inviter.evaluate(() => document.activeElement?.closest('.share-panel') !== null);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await panel.getByText('Link copied').waitFor();
  const copiedTitleUrl = await clipboard();
  const networks = await panel.locator('.share-networks a').evaluateAll((links) =>
    links.map((a) => ({ name: a.firstChild.textContent, href: a.getAttribute('href'), target: a.target, rel: a.rel })));
  await panel.getByLabel('Your Mastodon instance').fill('https://Mastodon.Social/');
  const mastodonHref = await panel.getByRole('link', { name: /Share on mastodon\.social/ }).getAttribute('href');
  await panel.getByLabel('Your Mastodon instance').blur();
  const mastodonRemembered = await inviter.evaluate(() => localStorage.getItem('marquee.mastodon-instance'));
  await panel.getByLabel('Your Mastodon instance').fill('evil.example/path');
  const mastodonRefused = await panel.getByText('Type the instance’s host name only').count();
  await panel.getByLabel('Your Mastodon instance').fill('mastodon.social');
  await inviter.mouse.move(0, 0);
  await shot(inviter, 'title-share');
  const shareAxe = await axe(inviter);
  // A browser that refuses the clipboard: the link in a field, selected, to copy by hand.
  await inviter.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await panel.getByRole('button', { name: 'Copy link' }).click();
  const fallbackField = panel.getByRole('textbox', { name: 'Link', exact: true });
  await fallbackField.waitFor();
  const fallback = await fallbackField.evaluate((input) => ({ value: input.value, selected: input.selectionEnd - input.selectionStart === input.value.length }));
  // The app moves on without reloading: give the clipboard back (the refusal was this page's own property).
  await inviter.evaluate(() => { delete navigator.clipboard.writeText; });
  await inviter.keyboard.press('Escape');
  const closedByEscape = (await panel.count()) === 0;
  const focusBack = await inviter.evaluate(() => document.activeElement?.textContent === 'Share');

  // Add to a new list from the title page; make the list public on the Lists page.
  await inviter.getByRole('button', { name: '+ Add to list' }).click();
  const adding = inviter.getByRole('dialog', { name: `Add ${title.title} to a list` });
  await adding.getByLabel('New list').fill('Friday <b>films</b>');
  await adding.getByRole('button', { name: 'Create with this title' }).click();
  await until(async () => adding.getByRole('checkbox', { name: 'Friday <b>films</b>' }).isChecked().catch(() => false), 'the title in the new list');
  await inviter.keyboard.press('Escape');
  await inviter.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  const list = inviter.getByRole('region', { name: 'Friday <b>films</b>' });
  await list.waitFor();
  // The switch follows the saved list, so it changes once the origin has answered: clicked, not check()ed.
  await list.getByRole('switch', { name: /^Public/ }).click();
  const listLink = list.locator('.list-link a');
  await listLink.waitFor();
  const listUrl = await listLink.getAttribute('href');
  await list.getByRole('button', { name: /^Copy the link/ }).click();
  await list.getByText('Link copied').waitFor();
  const copiedListUrl = await clipboard();
  const listsAxe = await axe(inviter);
  await shot(inviter, 'lists');

  // Signed out: the public list, then, made private, nothing.
  const newcomer = await newPage(browser);
  await newcomer.goto(listUrl);
  await newcomer.getByRole('heading', { name: 'Friday <b>films</b>', level: 1 }).waitFor();
  const listOwner = await newcomer.getByText(/^A list by /).innerText();
  const listPosters = await newcomer.locator('main a.poster-card').evaluateAll((links) => links.map((a) => ({ label: a.getAttribute('aria-label'), href: a.getAttribute('href') })));
  const publicListAxe = await axe(newcomer);
  await shot(newcomer, 'list-public');
  await list.getByRole('switch', { name: /^Public/ }).click();
  await list.getByText('Only you can see this list.').waitFor();
  await newcomer.reload();
  await newcomer.getByRole('heading', { name: 'This list is private or does not exist' }).waitFor();
  const privateListHidden = !(await newcomer.locator('main').innerText()).includes('Friday');
  const privateListAxe = await axe(newcomer);

  // The invite link: sign-up in a new browser, confirmed by mail.
  await newcomer.goto(inviteUrl);
  await newcomer.getByRole('heading', { name: 'Create your account' }).waitFor();
  const joinLandedOn = new URL(newcomer.url()).pathname;
  await newcomer.getByLabel('Email').fill(newcomerEmail);
  await newcomer.getByLabel('Password').fill(password);
  await newcomer.getByRole('button', { name: 'Create account' }).click();
  await newcomer.getByRole('heading', { name: 'Check your email' }).waitFor();
  await newcomer.goto(await mailLink(mail, newcomerEmail, 'Confirm'));
  await newcomer.getByText('Your address is confirmed').waitFor();

  // Still signed out, a start-time link: sign in, and the player starts at its time.
  await newcomer.goto(`${base}/watch/${titleId}?t=1m`);
  await newcomer.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await newcomer.getByLabel('Email').fill(newcomerEmail);
  await newcomer.getByLabel('Password').fill(password);
  await newcomer.getByRole('button', { name: 'Sign in', exact: true }).click();
  await newcomer.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
  await pickProfile(newcomer, newcomerName);
  const afterSignIn = await startedAt(newcomer);
  const afterSignInUrl = newcomer.url();

  // A start-time link the viewer may not watch (not in their plan): the title page, with why, keeping the time.
  await newcomer.goto(`${base}/watch/${planTitleId}?t=5`);
  await newcomer.waitForURL(/\/title\//);
  const refusedUrl = newcomer.url();
  const refusalText = await newcomer.getByRole('alert').first().innerText();

  // Signed in, a start-time link opened directly (the page carries its playback and starts the stream early). The
  // video is paused before the app has rendered the player (the app's chunk is held back until then, past the
  // service worker), as a quick viewer may: the player must still share the time it stopped at.
  const app = await holdAppChunk(inviter);
  await inviter.goto(`${base}/watch/${titleId}?t=45`);
  const direct = await startedAt(inviter);
  await inviter.evaluate(() => document.querySelector('video').pause());
  await app.release();
  // The player's share menu, at the current time.
  await inviter.mouse.move(640, 700);
  await inviter.getByRole('button', { name: 'Share', exact: true }).click();
  const playerPanel = inviter.getByRole('dialog', { name: `Share ${title.title}` });
  const atTime = playerPanel.getByRole('checkbox', { name: /^Start at current time/ });
  await atTime.check();
  const atTimeLabel = await playerPanel.locator('.share-start').innerText();
  await playerPanel.getByRole('button', { name: 'Copy link' }).click();
  await playerPanel.getByText('Link copied').waitFor();
  const copiedPlayerUrl = await clipboard();
  const pausedAt = (await player(inviter)).t;
  await shot(inviter, 'player-share');

  // The invite counted.
  await inviter.goto(`${base}/account`);
  const countAfter = await inviter.getByRole('region', { name: 'Invite friends' }).locator('.invite-count').innerText();

  report({
    ok: true, seconds: (Date.now() - started) / 1000, title: title.title, slug: title.slug,
    focusInPanel, copiedTitleUrl, networks, mastodonHref, mastodonRemembered, mastodonRefused, fallback, closedByEscape, focusBack,
    listUrl, copiedListUrl, listOwner, listPosters, privateListHidden,
    inviteUrl, countBefore, joinLandedOn, countAfter,
    afterSignInAt: afterSignIn.t, afterSignInUrl, refusedUrl, refusalText, directAt: direct.t,
    atTimeLabel, pausedAt, copiedPlayerUrl,
    shareAxe, listsAxe, publicListAxe, privateListAxe,
    problems: [...inviter.problems, ...newcomer.problems],
  });
});
