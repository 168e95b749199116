// An administrator uploads a clip in the browser (tus, with a progress bar), watches it transcode, and plays it;
// then looks at the live edge table, waiting (when DEGRADED_EDGE is given) until that edge shows as Degraded.
// Usage: node web/admin.mjs BASE_URL EMAIL PASSWORD CLIP_FILE TITLE [DEGRADED_EDGE]
import { main, newPage, pickProfile, playsTo, report, shot, signIn, until } from './browser.mjs';

const [base, email, password, clip, title, degradedEdge] = process.argv.slice(2);

await main(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, base, email, password);
  await pickProfile(page, email.split('@')[0]);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Upload a video' }).waitFor();
  await page.getByLabel('Video file').setInputFiles(clip);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByLabel('Free to watch').check();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const uploaded = page.locator('#upload-progress');
  await until(async () => {
    const [value, max] = await Promise.all([uploaded.getAttribute('value'), uploaded.getAttribute('max')]);
    return value !== null && Number(value) > 0 && value === max;
  }, 'upload to finish', 120000);
  await shot(page, 'admin-upload');
  let sawTranscoding = false;
  await until(async () => {
    if (await page.getByText(/Transcoding “/).count()) sawTranscoding = true;
    return (await page.getByText('is ready to play').count()) > 0;
  }, 'transcoding to finish', 240000);
  await shot(page, 'admin-upload-ready');

  await page.getByRole('link', { name: 'Open it' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByRole('link', { name: /Play/ }).click();
  const played = await playsTo(page, 2);

  await page.goto(`${base}/admin/edges`);
  await until(async () => (await page.locator('tr[data-edge]').count()) >= 4, 'the edge table');
  if (degradedEdge) {
    const state = page.locator(`tr[data-edge="${degradedEdge}"] .state`);
    await until(async () => (await state.count()) > 0 && (await state.first().textContent()) === 'Degraded', `${degradedEdge} to show as Degraded`);
  }
  // The reason as the page shows it, and whether any element was made of it (it must be text, never HTML).
  const edges = await page.locator('tr[data-edge]').evaluateAll((rows) =>
    rows.map((row) => {
      const reason = row.querySelector('.state-reason');
      return { id: row.dataset.edge, state: row.querySelector('.state')?.textContent, reason: reason?.textContent ?? null, reasonElements: reason?.children.length ?? 0 };
    }),
  );
  await shot(page, 'admin-edges');
  await page.goto(`${base}/admin/users`);
  await page.getByRole('heading', { name: 'Plans' }).waitFor();
  await shot(page, 'admin-users');
  report({ ok: true, sawTranscoding, played: played.t, edges, problems: page.problems });
});
