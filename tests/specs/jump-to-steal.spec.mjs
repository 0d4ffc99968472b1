// "Next steal" jumps to the next steal, shows the stolen tasks moving, and says it in words.

import { expect, test } from '../fixtures/test.mjs';

test('jumping to a steal shows the arrow, the stolen chips and the narration', async ({ playground }) => {
  await playground.openLink('strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms');
  await playground.jumpSteal.click();

  await expect(playground.stealArrow).toBeVisible();
  await expect(playground.narration).toHaveText(/^worker \d+ stole \d+ tasks? from worker \d+$/);
  await expect(playground.page.locator('.lane.thief .chip.stolen').first()).toBeVisible();
  expect(await playground.playhead()).toBeGreaterThan(0);
});
