// Loading the page, starting the pool and running the job logs no console error.

import { expect, test } from '../fixtures/test.mjs';

test('the console has no errors from load to a finished job', async ({ playground, consoleErrors }) => {
  await playground.open();
  await playground.waitForJobToFinish();

  // A blocked main thread would show here too: Atomics.wait throws there.
  expect(consoleErrors).toEqual([]);
});
