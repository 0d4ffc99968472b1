// compare= runs one workload under several strategies, one stage each, on one playhead.

import { expect, test } from '../fixtures/test.mjs';

test('a compare link shows one stage per strategy that step together', async ({ playground }) => {
  await playground.openLink('strategy=pool&workers=3&tasks=12&dist=exp&dur=5ms&compare=pool,steal,static');

  await expect(playground.stages).toHaveCount(3);
  await expect(playground.compareColumns).toHaveCount(3);
  await expect(playground.compareColumns.nth(1)).toContainText('Work stealing');

  const before = await playground.page.getByTestId('stage').evaluateAll((stages) => stages.map((s) => Number(s.dataset.index)));
  expect(before).toEqual([0, 0, 0]);
  for (let i = 0; i < 30; i++) await playground.stepForward.click();
  await playground.expectPlayhead(30);
  const after = await playground.page.getByTestId('stage').evaluateAll((stages) => stages.map((s) => Number(s.dataset.index)));
  // Each column advanced by its own events; together they make the 30 steps.
  expect(after.reduce((a, b) => a + b, 0)).toBe(30);
  await expect(playground.page.locator('table.compare-table th[scope=col]')).toHaveCount(4);
});
