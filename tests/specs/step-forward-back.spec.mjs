// Stepping forward one event then back one returns to exactly the same state.

import { expect, test } from '../fixtures/test.mjs';

test('step forward then step back shows the same state again', async ({ playground }) => {
  await playground.openLink('strategy=steal&workers=4&tasks=16&durations=40ms,5ms&at=60');
  const before = await playground.snapshot();

  await playground.stepForward.click();
  await playground.expectPlayhead(61);
  await expect(playground.eventLog.locator('li.current')).toHaveAttribute('value', '61');

  await playground.stepBack.click();
  await playground.expectPlayhead(60);
  expect(await playground.snapshot()).toEqual(before);
});
