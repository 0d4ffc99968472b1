// "Download trace" saves the run as Chrome trace-event JSON: one named track per goroutine and per P, slices on them; a run too large for the tab is refused with the reason.

import { readFile } from 'node:fs/promises';

import { expect, test } from '../fixtures/test.mjs';

test('the downloaded trace parses as JSON with one track per goroutine', async ({ playground, page }) => {
  const query = 'strategy=steal&workers=3&tasks=12&dist=exp&dur=5ms&seed=7';
  await playground.openLink(query);
  const button = page.getByTestId('download-trace');
  await expect(button).toHaveAccessibleName('Download trace');
  await expect(button).toBeEnabled();

  // By keyboard: focus the button and press Enter.
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('gobalance-steal-trace.json');
  const trace = JSON.parse(await readFile(await download.path(), 'utf8'));
  await expect(page.getByTestId('export')).toHaveAttribute('data-state', 'trace-saved');

  expect(trace.otherData.scenario).toBe(query);
  const events = trace.traceEvents;
  const pidOf = (name) =>
    events.find((e) => e.ph === 'M' && e.name === 'process_name' && e.args.name === name).pid;
  const goroutines = pidOf('goroutines');
  const processors = pidOf('processors');
  const tracks = (pid) =>
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid);

  // main and the three workers, each on a track of its own.
  const names = tracks(goroutines).map((e) => e.args.name);
  expect(names.sort()).toEqual(['main (g0)', 'worker 0 (g1)', 'worker 1 (g2)', 'worker 2 (g3)']);
  const tids = tracks(goroutines).map((e) => e.tid);
  expect(new Set(tids).size).toBe(tids.length);
  // Every slice on the goroutine process lies on one of those tracks.
  const slices = events.filter((e) => e.ph === 'X' && e.pid === goroutines);
  expect(slices.length).toBeGreaterThan(0);
  expect(slices.every((e) => tids.includes(e.tid))).toBe(true);
  expect(slices.some((e) => e.name === 'running')).toBe(true);
  // The scenario's four Ps have theirs.
  expect(tracks(processors).map((e) => e.args.name).sort()).toEqual(['P0', 'P1', 'P2', 'P3']);
});

test('a run with more events than a tab should write is refused with the reason', async ({ playground, page }) => {
  // 100,000 tasks record about 1.4 million events: steppable, too many to save from the page.
  await playground.openLink('strategy=pool&tasks=100000&dur=1ms');
  const button = page.getByTestId('download-trace');
  await expect(button).toBeDisabled();
  const why = page.getByTestId('download-trace-why');
  await expect(why).toContainText('more than the 1,000,000');
  await expect(why).toContainText("gobalance trace 'strategy=pool&tasks=100000&dur=1ms' -o trace.json");
  // The reason is the button's description, so a screen reader hears it on focus.
  await expect(button).toHaveAccessibleDescription(/more than the 1,000,000/);
});
