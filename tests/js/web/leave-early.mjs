// Leaving a player page before the app has rendered the player gives the stream slot back. A page load of
// /watch/{id} starts the stream before the app (web/src/player/earlyStream.ts), and the app renders after the first
// frame, so a viewer can leave in between. The app's chunk is held back here, which keeps each page in that state:
// it plays, then it is left. The viewer's plan has 2 streams, so the third load plays only if the first two gave
// theirs back.
// Usage: node web/leave-early.mjs BASE_URL EMAIL PASSWORD TITLE_ID
import { holdAppChunk, main, newPage, pickProfile, report, signIn, until } from './browser.mjs';

const [base, email, password, titleId] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);

  // The app's chunk never arrives on the player page: only the early stream runs.
  const app = await holdAppChunk(page);

  const plays = [];
  for (let load = 1; load <= 3; load++) {
    await page.goto(`${base}/watch/${titleId}`);
    const state = await until(() => page.evaluate(() => {
      const video = document.querySelector('video.player-early');
      return video && video.currentTime > 0.2 ? { t: video.currentTime, appRendered: document.getElementById('root')?.childElementCount ?? 0 } : null;
    }), `the early stream of load ${load} playing (a stream slot still held by a page already left refuses it)`, 30000);
    plays.push(state);
    await page.goto('about:blank');
    // The release is a keepalive request the browser sends as the page goes; Playwright does not see it, so give it
    // time to land before the next page asks for a stream.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }

  report({ ok: true, heldApp: app.held(), plays, problems: page.problems });
});
