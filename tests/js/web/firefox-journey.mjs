// The viewer's path in Firefox (Debian's firefox-esr): sign in, pick the profile, search with a typo, open a
// title, play it (the video advances and decodes), switch quality down, seek, pause, resume from "Continue
// watching", and switch a title's subtitles on. Usage: node web/firefox-journey.mjs BASE_URL EMAIL PASSWORD SUBTITLED_TITLE_ID
import { describeFailure, player, playsTo, positionSaved, report, shot, subtitleCues, until } from './browser.mjs';
import { byRole, choose, field, launchFirefox, newFirefoxPage } from './firefox.mjs';

const [base, email, password, subtitled] = process.argv.slice(2);

const browser = await launchFirefox();
let step = 'start';
try {
  const page = await newFirefoxPage(browser);
  step = 'sign in';
  await page.goto(`${base}/signin`);
  await (await field(page, 'Email')).fill(email);
  await (await field(page, 'Password')).fill(password);
  await byRole(page, 'button', 'Sign in').click();
  await byRole(page, 'heading', 'Who’s watching?').wait();
  step = 'pick the profile';
  await byRole(page, 'button', email.split('@')[0]).click();
  await byRole(page, 'heading', 'Free to watch').wait();
  await shot(page, 'firefox-home');

  step = 'search';
  await (await field(page, 'Search titles')).fill('lnog signl');
  await byRole(page, 'link', 'The Long Signal').click();
  await byRole(page, 'heading', 'The Long Signal').wait();
  step = 'play';
  const now = () => page.evaluate(() => performance.timeOrigin + performance.now());
  const clicked = await now();
  await page.locator('a.button ::-p-text(Play)').click();
  const started = await playsTo(page, 2);
  const firstFrameMs = Math.round((await until(async () => (await player(page)).firstFrameAt, 'the first frame')) - clicked);

  step = 'quality';
  // The lowest quality from the menu: the picture the video decodes becomes that rung's height.
  const { labels: qualities, chosen: lowest } = await choose(page, 'Quality', (labels) => labels[labels.length - 1]);
  const height = await until(() => page.evaluate((want) => {
    const video = document.querySelector('video');
    return `${video.videoHeight}p` === want ? video.videoHeight : 0;
  }, lowest), `the picture at ${lowest}`);
  await shot(page, 'firefox-player');

  step = 'seek and pause';
  // Seek forward with the keyboard (→ is 10 s), then pause: the pause heartbeat saves the position.
  const before = (await player(page)).t;
  await page.keyboard.press('ArrowRight');
  const seeked = await playsTo(page, before + 8);
  await page.keyboard.press(' ');
  await until(async () => (await player(page)).paused, 'pause');
  const saved = (await player(page)).t;
  await positionSaved(page, saved);

  step = 'continue watching';
  await byRole(page, 'link', 'Back').click();
  await byRole(page, 'link', 'Marquee home').click();
  await byRole(page, 'heading', 'Continue watching').wait();
  await byRole(page, 'link', 'Resume The Long Signal').click();
  const resumed = await playsTo(page, 0.1);

  step = 'subtitles';
  // A title with subtitles: switched on from the player's menu, the track shows and its cues arrive.
  await page.goto(`${base}/watch/${subtitled}`);
  await playsTo(page, 1);
  await choose(page, 'Subtitles', 'English');
  const subtitles = (await subtitleCues(page)).cues;

  report({
    ok: true, browser: await browser.version(), started: started.t, firstFrameMs, subtitles, qualities, height,
    seekedFrom: before, seekedTo: seeked.t, saved, resumedAt: resumed.t, problems: page.problems,
  });
} catch (error) {
  console.error(`at "${step}": ${error?.stack ?? String(error)}`);
  for (const page of await browser.pages()) await describeFailure(page);
  process.exitCode = 1;
} finally {
  await browser.close();
}
