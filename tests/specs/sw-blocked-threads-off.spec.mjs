// A browser that refuses service workers, on a host without headers, still gets a working page that says why threads are off.

import { expect, test } from '../fixtures/test.mjs';
import { notIsolatedUrl } from '../fixtures/servers.mjs';

test.use({ serviceWorkers: 'block' });

test('with service workers refused the page runs without threads and explains', async ({
  page,
  playground,
}) => {
  await playground.openLink('strategy=pool&tasks=20', notIsolatedUrl);
  await playground.waitForThreads('off');
  await playground.stepForward.click();
  await playground.expectPlayhead(1);

  expect(await playground.isCrossOriginIsolated()).toBe(false);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  await expect(playground.threadsOffReason).toContainText('Cross-Origin-Embedder-Policy: require-corp');
  await expect(playground.threadsOffReason).toContainText('service worker');
  await expect(playground.threadsOffReason).toContainText('refused');
});
