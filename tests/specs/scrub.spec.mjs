// Dragging the scrubber or clicking the timeline moves the playhead, and every view follows.

import { expect, test } from '../fixtures/test.mjs';

const scenario = 'strategy=pool&workers=3&tasks=8';

test('the scrubber seeks to an event and the timeline seeks to a time', async ({ playground }) => {
  await playground.openLink(`${scenario}&at=50`);
  const atFifty = await playground.snapshot();

  await playground.openLink(scenario);
  await playground.scrub.fill('50');
  await playground.expectPlayhead(50);
  expect(await playground.snapshot()).toEqual(atFifty);
  await expect(playground.stepCount).toContainText('event 50 /');

  // Near the right end of the timeline is near the end of the run.
  const box = await playground.gantt.boundingBox();
  await playground.page.mouse.click(box.x + 88 + (box.width - 88) * 0.97, box.y + 4);
  await expect.poll(() => playground.playhead()).toBeGreaterThan(50);
  await expect(playground.clock).not.toHaveText(atFifty.clock);
});
