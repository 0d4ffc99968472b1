// Without COOP/COEP the page still works, turns threads off, and says why.

import { fileURLToPath } from 'node:url';

import { expect, test } from '../fixtures/test.mjs';
import { notIsolatedUrl } from '../fixtures/servers.mjs';

// A browser without service workers: the page must stay unisolated to mean what it tests.
test.use({ serviceWorkers: 'block' });

const screenshotPath = fileURLToPath(new URL('../screenshots/without-isolation.png', import.meta.url));

test('without isolation the page renders and explains why threads are off', async ({
  playground,
  page,
}) => {
  await page.setViewportSize({ width: 1000, height: 640 });
  await playground.open(notIsolatedUrl);
  await playground.waitForThreads('off');

  expect(await playground.isCrossOriginIsolated()).toBe(false);
  await expect(playground.isolation).toHaveText('not cross-origin isolated');
  await expect(playground.threadCount).toHaveText('off');
  await expect(playground.threadsOffReason).toContainText('Cross-Origin-Embedder-Policy: require-corp');
  await page.screenshot({ path: screenshotPath, fullPage: true });
});
