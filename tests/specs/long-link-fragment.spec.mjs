// A 160 KB link travels in the fragment, so it opens from a host that refuses request lines over 8 KB, and so does the address the page writes back.

import { expect, test } from '../fixtures/test.mjs';
import { ownPorts, startServer } from '../fixtures/servers.mjs';

const port = ownPorts.longLink;
const pageUrl = `http://127.0.0.1:${port}/`;

// Without a service worker every navigation reaches the host, as on a first visit.
test.use({ serviceWorkers: 'block' });

let server;
test.beforeAll(async () => {
  server = await startServer(port, ['--max-request-line', '8192']);
});
test.afterAll(async () => {
  await server?.stop();
});

test('the longest link opens from the fragment and survives a reload', async ({ page, playground, request }) => {
  // 10,000 durations of 16 characters each (`17.0000000000ms,`): the longest valid link.
  const durations = Array.from({ length: 10_000 }, (_, i) => `${10 + (i % 90)}.0000000000ms`).join(',');
  const query = `strategy=pool&workers=8&tasks=10000&durations=${durations}`;
  expect(query.length).toBeGreaterThan(160_000);
  // In the query the same link is refused: the host's limit is real.
  expect((await request.get(`${pageUrl}?${query}`)).status()).toBe(414);

  await playground.open(`${pageUrl}#?${query}`);
  await playground.waitForRun('ready');
  await expect(page.getByTestId('scenario-summary')).toContainText('10,000 tasks');
  await expect(playground.errorBanner).toHaveCount(0);

  // The page writes its address back in the fragment, so reloading it asks the host for the page alone.
  await expect.poll(() => page.evaluate(() => location.search)).toBe('');
  expect(await page.evaluate(() => location.hash.length)).toBeGreaterThan(8192);
  const documents = [];
  page.on('response', (response) => {
    if (response.request().isNavigationRequest()) documents.push(response.status());
  });
  await page.reload();
  await playground.waitForRun('ready');
  await expect(page.getByTestId('scenario-summary')).toContainText('10,000 tasks');
  expect(documents).toEqual([200]);
});
