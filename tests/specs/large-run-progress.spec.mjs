// A run of millions of tasks simulates on the worker threads: progress shows, the page stays responsive, and cancel stops it; one whose goroutines cannot all fit in the tab stops and says why.
//
// Five million tasks (the most a link allows) take a few seconds here, long
// enough to press keys and cancel; the million-task timing is measured by
// perf/large-run.mjs instead.

import { expect, test } from '../fixtures/test.mjs';

test('a 5,000,000-task run shows progress, keeps the page responsive, and can be cancelled', async ({ playground }) => {
  await playground.open('/?strategy=pool&workers=8&tasks=5000000&dur=1ms&cpu=1');
  await playground.waitForThreads('running');
  await playground.waitForRun('running');
  await expect.poll(async () => Number(await playground.progress.getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);

  // The main thread answers while the simulation runs.
  await playground.press('?');
  await expect(playground.help).toBeVisible();
  await playground.page.keyboard.press('Escape');
  await expect(playground.help).toBeHidden();

  await playground.cancel.click();
  await playground.waitForRun('cancelled');
  await expect(playground.page.getByTestId('rerun')).toBeVisible();
});

test('a run whose goroutines alive at once cannot fit in the tab stops and says why', async ({ playground }) => {
  // Every one of five million producers of the leak program stays alive.
  await playground.open('/?strategy=leak&tasks=5000000&dur=1ms');
  await playground.waitForThreads('running');
  await expect(playground.runStatus).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(playground.runStatus).toContainText("goroutines alive at once that this tab's memory holds");
});
