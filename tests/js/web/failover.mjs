// The edge serving the player is killed mid-stream; playback carries on from another edge with no action from
// the viewer. Usage: node web/failover.mjs BASE_URL EMAIL PASSWORD TITLE_ID PORT_PIDS_JSON
// PORT_PIDS_JSON maps each edge's port to its process id, e.g. {"8201":1234}.
import { main, newPage, pickProfile, player, playsTo, report, shot, signIn, subtitleCues } from './browser.mjs';

const [base, email, password, titleId, portPids] = process.argv.slice(2);
const pids = JSON.parse(portPids);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  await page.goto(`${base}/watch/${titleId}`);
  const before = await playsTo(page, 1);
  // The seek-preview thumbnails come once the video plays, also when the stream started and played before the
  // player was rendered (a page load of /watch carries the playback: web/src/player/earlyStream.ts).
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/trickplay/thumbnails.vtt')));

  // Subtitles on, from the player's menu: the track shows and its cues arrive.
  await page.mouse.move(640, 700);
  await page.getByRole('button', { name: /^Subtitles/ }).click();
  await page.getByRole('option', { name: 'English' }).getByRole('button').click();
  const subtitles = await subtitleCues(page);

  const serving = before.servingHost;
  const port = serving.split(':').pop();
  if (!pids[port]) throw new Error(`the player fetches from ${serving}, which is not one of the edges ${Object.keys(pids)}`);
  process.kill(pids[port], 'SIGKILL');
  const killedAt = (await player(page)).t;

  // The forward buffer holds 30 s; playing on to 45 s needs segments fetched after the kill.
  const after = await playsTo(page, 45, 120000);
  await shot(page, 'player-after-failover');
  report({ ok: true, subtitles, killed: serving, killedAt, reached: after.t, frames: after.frames, servingHost: after.servingHost, hosts: after.hosts, problems: page.problems });
});
