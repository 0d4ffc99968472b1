// Saves pictures of the playground at desktop and phone widths to tests/screenshots/ for a person to look at.

import { fileURLToPath } from 'node:url';

import { expect, test } from '../fixtures/test.mjs';

const shot = (name) => fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url));
const steal = 'strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms';

for (const width of [1280, 375]) {
  test(`a screenshot of a steal at ${width} px`, async ({ playground, page }) => {
    await page.setViewportSize({ width, height: 900 });
    await playground.openLink(steal);
    await playground.waitForJobToFinish();
    await playground.jumpSteal.click();
    await expect(playground.stealArrow).toBeVisible();
    await page.screenshot({ path: shot(`playground-${width}`), fullPage: true, animations: 'disabled' });
    await expect(playground.threadCount).not.toHaveText('off');
  });
}

test('a screenshot of compare mode at 1280 px', async ({ playground, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await playground.openLink('strategy=pool&workers=4&tasks=24&dist=pareto&dur=10ms&cpu=1&compare=pool,steal,static&at=400');
  await page.screenshot({ path: shot('compare-1280'), fullPage: true, animations: 'disabled' });
  await expect(playground.stages).toHaveCount(3);
});
