// The pool starts one Web Worker thread per logical core the browser reports.

import { expect, test } from '../fixtures/test.mjs';

test('the thread count equals navigator.hardwareConcurrency', async ({ playground }) => {
  await playground.open();
  await playground.waitForThreads('running');

  const cores = await playground.hardwareConcurrency();
  expect(cores).toBeGreaterThan(0);
  await expect(playground.threadCount).toHaveText(String(cores));
});
