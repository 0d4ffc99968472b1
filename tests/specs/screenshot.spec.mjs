// Saves a picture of the running page to tests/screenshots/ for a person to look at.

import { fileURLToPath } from 'node:url';

import { expect, test } from '../fixtures/test.mjs';

const screenshotPath = fileURLToPath(new URL('../screenshots/playground.png', import.meta.url));

test('a screenshot shows the page with its real thread count', async ({ playground, page }) => {
  await page.setViewportSize({ width: 1000, height: 640 });
  await playground.open();
  await playground.waitForJobToFinish();

  await page.screenshot({ path: screenshotPath, fullPage: true });
  await expect(playground.threadCount).not.toHaveText('off');
});
