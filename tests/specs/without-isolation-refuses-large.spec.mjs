// Without worker threads a small scenario still runs on the page, and a large one is refused with the reason.

import { expect, test } from '../fixtures/test.mjs';
import { notIsolatedUrl } from '../fixtures/servers.mjs';

// A browser without service workers: the page must stay unisolated to mean what it tests.
test.use({ serviceWorkers: 'block' });

test('without isolation small runs play and large ones are refused', async ({ playground }) => {
  await playground.open(`${notIsolatedUrl}?strategy=pool&tasks=20`);
  await playground.waitForThreads('off');
  await playground.waitForRun('ready');
  await playground.stepForward.click();
  await playground.expectPlayhead(1);

  await playground.open(`${notIsolatedUrl}?strategy=pool&tasks=500000`);
  await playground.waitForRun('refused');
  await expect(playground.refused).toContainText('500,000 tasks');
});
