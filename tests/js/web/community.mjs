// Community in the browser: a viewer with a public name comments on a title page with markup in the comment (shown
// as text, never run), opens another viewer's spoiler, reports that comment through the dialog, replies, reviews,
// follows the other viewer and sees their words in the feed; an administrator finds the report and the held link in
// the moderation queue and approves the link.
// Both viewers like the same titles first, so taste matching (opted in on both sides) finds them.
// Usage: node web/community.mjs BASE_URL VIEWER_EMAIL CRITIC_EMAIL PASSWORD TITLE_ID ADMIN_EMAIL OTHER_TITLE_ID…
import { main, newPage, pickProfile, report, shot, signIn, until } from './browser.mjs';

const [base, viewerEmail, criticEmail, password, titleId, adminEmail, ...otherTitles] = process.argv.slice(2);
// Handles from the addresses: one account, one public name.
const viewerHandle = viewerEmail.split('@')[0];
const criticHandle = criticEmail.split('@')[0];

const markup = '<img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script> — what a film';
const spoilerText = 'The ending: the signal was coming from home all along.';
const linkText = 'Better picture at https://offers.example/marquee-deal today';
const reportDetails = 'Gives away the ending without the <b>spoiler</b> mark.';

async function open(browser, email) {
  const page = await newPage(browser);
  // Confirmations (block, remove all) are the browser's own dialogs: accepted, as a person who meant it would.
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  return page;
}

/** Chooses a public name and the two switches on /people. */
async function choosePublicName(page, handle, displayName) {
  await page.goto(`${base}/people`);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('About you').fill(`${displayName} watches everything twice.`);
  await page.getByRole('switch', { name: 'Match me with people of similar taste' }).check();
  await page.getByRole('switch', { name: 'Show my ratings and comments on my page' }).check();
  await page.getByRole('button', { name: 'Save public profile' }).click();
  await page.getByText('Your public profile is saved.').waitFor();
}

async function post(page, text, { spoiler = false } = {}) {
  const form = page.locator('.comments > .comment-form');
  await form.getByLabel('Add a comment').fill(text);
  if (spoiler) await form.getByLabel('Contains spoilers').check();
  await form.getByRole('button', { name: 'Post' }).click();
}

/** Thumbs up on each title's page. */
async function like(page, ids) {
  for (const id of ids) {
    await page.goto(`${base}/title/${id}`);
    const thumb = page.getByRole('button', { name: 'I like this' });
    await thumb.waitFor();
    if ((await thumb.getAttribute('aria-pressed')) !== 'true') await thumb.click();
    // Saved, not only shown: the button turns at once, and leaving the page could cut the request short.
    await until(() => page.evaluate(async (title) => (await (await fetch(`/api/v1/ratings/${title}`)).json()).value === 'up', id), 'the thumbs up to be saved', 10000);
  }
}

/** The page's comment whose text is exactly `text`, once it shows. */
function commentWith(page, text) {
  return page.locator('li.comment', { has: page.locator('.comment-text', { hasText: text }) }).first();
}

await main(async (browser) => {
  // The critic: a public name, a spoiler, and a link (held: the account is younger than a day).
  const critic = await open(browser, criticEmail);
  await choosePublicName(critic, criticHandle, 'Cli the Critic');
  await like(critic, [titleId, ...otherTitles]);
  await critic.goto(`${base}/title/${titleId}`);
  await critic.getByRole('heading', { name: 'Conversation' }).waitFor();
  await post(critic, spoilerText, { spoiler: true });
  await critic.locator('li.comment .spoiler-hidden').first().waitFor();
  await post(critic, linkText);
  const held = commentWith(critic, 'Better picture at');
  await held.getByText('Pending review').waitFor();
  const criticSeesPending = await held.getByText('Pending review').isVisible();

  // The viewer: no public name yet, so the first comment is refused with a way to choose one.
  const page = await open(browser, viewerEmail);
  await page.goto(`${base}/title/${titleId}`);
  await page.getByRole('heading', { name: 'Conversation' }).waitFor();
  await post(page, 'First!');
  const needHandle = page.locator('.comments').getByRole('alert');
  await needHandle.waitFor();
  const needHandleText = await needHandle.innerText();
  const needHandleLink = await needHandle.getByRole('link').getAttribute('href');
  await choosePublicName(page, viewerHandle, 'Ada');
  await like(page, [titleId, ...otherTitles]);

  await page.goto(`${base}/title/${titleId}`);
  await page.getByRole('heading', { name: 'Conversation' }).waitFor();
  // The critic's held link is not there for anyone else.
  await page.getByRole('button', { name: 'Show spoiler' }).first().waitFor();
  const heldHiddenFromOthers = (await page.locator('.comment-text', { hasText: 'Better picture at' }).count()) === 0;

  await post(page, markup);
  const mine = commentWith(page, 'what a film');
  await mine.waitFor();
  const literalBeforeReload = await mine.locator('.comment-text').innerText();
  await page.reload();
  await commentWith(page, 'what a film').waitFor();
  const literal = await commentWith(page, 'what a film').locator('.comment-text').innerText();
  const injected = await page.evaluate(() => ({
    xss: window.__xss ?? null,
    elements: document.querySelectorAll('.comment-text img, .comment-text script, main img[src="x"]').length,
  }));

  // A spoiler is not on the page until asked for.
  const spoilerId = await page.locator('li.comment', { has: page.getByRole('button', { name: 'Show spoiler' }) }).first().getAttribute('data-comment');
  const spoiler = page.locator(`li.comment[data-comment="${spoilerId}"]`);
  const spoilerHiddenBefore = !(await page.locator('main').innerText()).includes(spoilerText);
  await spoiler.getByRole('button', { name: 'Show spoiler' }).click();
  const spoilerShown = await spoiler.locator('.comment-text').innerText();
  await spoiler.getByRole('button', { name: 'Hide spoiler' }).click();
  const spoilerHiddenAgain = !(await page.locator('main').innerText()).includes(spoilerText);

  // Reported through the menu's dialog: focus moves into it, and back to the menu button after.
  const menuButton = spoiler.getByRole('button', { name: 'More for Cli the Critic’s comment' });
  await menuButton.click();
  await page.getByRole('menuitem', { name: 'Report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report Cli the Critic’s words' });
  await dialog.waitFor();
  const focusInDialog = await page.evaluate(() => !!document.activeElement?.closest('dialog'));
  await dialog.getByLabel('Unmarked spoiler').check();
  await dialog.getByLabel('Details (optional)').fill(reportDetails);
  await shot(page, 'title-report-dialog');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await spoiler.getByText('Thank you. The moderators will look at it.').waitFor();
  const focusBack = await menuButton.evaluate((button) => document.activeElement === button);

  // A reply, a reaction, a short review with the thumbs.
  await spoiler.getByRole('button', { name: 'Reply', exact: true }).click();
  await spoiler.getByLabel('Reply to Cli the Critic').fill('No! I had not seen it yet.');
  await spoiler.locator('.replies').getByRole('button', { name: 'Reply', exact: true }).click();
  await spoiler.locator('.reply-list .comment-text', { hasText: 'I had not seen it yet' }).waitFor();
  await spoiler.getByRole('button', { name: /^Like/ }).first().click();
  await until(async () => (await spoiler.getByRole('button', { name: /^Like/ }).first().getAttribute('aria-pressed')) === 'true', 'the like to show');
  await page.getByRole('button', { name: 'Add a short review' }).click();
  await page.getByLabel('Your short review').fill('Quiet, strange and worth the evening.');
  await page.getByRole('button', { name: 'Save review' }).click();
  await page.locator('.reviews .comment-text', { hasText: 'worth the evening' }).waitFor();
  await page.locator('.conversation').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.conversation')?.scrollIntoView({ block: 'start' }));
  await shot(page, 'title-conversation');

  // The critic among the people like this viewer (the origin re-reads tastes every few seconds), with the reason.
  let similar = [];
  await until(async () => {
    await page.goto(`${base}/people`);
    await page.getByRole('heading', { name: 'People like you' }).waitFor();
    await page.getByText(/^Nobody yet/).or(page.locator('.person-card').first()).first().waitFor();
    similar = await page.locator('.person-card').allInnerTexts();
    return similar.some((text) => text.includes('Cli the Critic'));
  }, 'the critic among the people like you', 90000);

  // Follow the critic from their page; their words come into the feed.
  await page.goto(`${base}/people/${criticHandle}`);
  await page.getByRole('heading', { name: /Cli the Critic/ }).waitFor();
  await page.getByRole('button', { name: 'Follow Cli the Critic' }).click();
  await page.getByRole('button', { name: 'Following Cli the Critic' }).waitFor();
  const personActivity = await page.locator('.activity-item').count();
  await shot(page, 'person');
  await page.goto(`${base}/feed`);
  await page.getByRole('heading', { name: 'Feed' }).waitFor();
  await page.locator('.activity-item').first().waitFor();
  const feed = await page.locator('.activity-item').allInnerTexts();
  await shot(page, 'feed');
  await page.goto(`${base}/people`);
  await page.getByRole('heading', { name: 'Following' }).waitFor();
  await page.locator('#list-following').locator('xpath=..').getByRole('link', { name: /Cli the Critic/ }).waitFor();
  await shot(page, 'people');

  // The administrator: the report with its details, the held link; approving shows the link to everyone.
  const admin = await open(browser, adminEmail);
  await admin.goto(`${base}/admin/moderation`);
  await admin.getByRole('heading', { name: /^Held for review/ }).waitFor();
  const heldCard = admin.locator('[data-moderation]', { hasText: 'Better picture at' }).filter({ hasText: `@${criticHandle}` });
  const reportedCard = admin.locator('[data-moderation]', { hasText: 'signal was coming from home' }).filter({ hasText: `@${criticHandle}` });
  await heldCard.first().waitFor();
  await reportedCard.first().waitFor();
  const reportedText = await reportedCard.first().innerText();
  await shot(admin, 'admin-moderation');
  await heldCard.first().getByRole('button', { name: 'Approve' }).click();
  await admin.getByText('Approved: everyone sees it now.').waitFor();
  await admin.getByRole('cell', { name: /approve/i }).first().waitFor();

  await page.goto(`${base}/title/${titleId}`);
  await commentWith(page, 'Better picture at').waitFor();
  const link = page.getByRole('link', { name: 'https://offers.example/marquee-deal' });
  const linkRel = await link.getAttribute('rel');
  const linkTarget = await link.getAttribute('target');

  report({
    ok: true,
    criticSeesPending,
    needHandleText,
    needHandleLink,
    heldHiddenFromOthers,
    markup,
    literalBeforeReload,
    literal,
    xss: injected.xss,
    injectedElements: injected.elements,
    spoilerHiddenBefore,
    spoilerShown,
    spoilerHiddenAgain,
    focusInDialog,
    focusBack,
    similar,
    personActivity,
    feed,
    reportedText,
    linkRel,
    linkTarget,
    problems: [...critic.problems, ...page.problems, ...admin.problems],
  });
});
