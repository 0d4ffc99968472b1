// Loading the page, running a scenario, playing and stepping through it logs no console error.

import { expect, test } from '../fixtures/test.mjs';

test('the console has no errors from load through playback', async ({ playground, consoleErrors }) => {
  await playground.openLink('strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms');
  await playground.waitForJobToFinish();
  await playground.speed.selectOption('4');
  await playground.play.click();
  await expect.poll(() => playground.playhead()).toBeGreaterThan(5);
  await playground.play.click();
  await playground.jumpSteal.click();
  await playground.sweepRun.click();
  await expect(playground.sweepChart).toBeVisible({ timeout: 30_000 });

  // A blocked main thread would show here too: Atomics.wait throws there.
  expect(consoleErrors).toEqual([]);
});
