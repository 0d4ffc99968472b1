// Served without headers under a sub-path, the page installs its service worker, reloads itself once, and then runs threads.

import { expect, test } from '../fixtures/test.mjs';
import { ownPorts, startServer, subPath } from '../fixtures/servers.mjs';

const port = ownPorts.staticHost;
const pageUrl = `http://127.0.0.1:${port}${subPath}`;

let server;
test.beforeAll(async () => {
  server = await startServer(port, ['--no-isolation', '--base', subPath]);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a host without headers gets threads after one reload through the service worker', async ({
  page,
  playground,
}) => {
  const documents = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(request.url());
  });

  await playground.open(pageUrl);
  await playground.waitForThreads('running');

  expect(await playground.isCrossOriginIsolated()).toBe(true);
  await expect(playground.isolation).toHaveText('cross-origin isolated');
  // The visit and its one reload, nothing more.
  expect(documents).toEqual([pageUrl, pageUrl]);
  const worker = await page.evaluate(async () => ({
    scope: (await navigator.serviceWorker.ready).scope,
    controlled: navigator.serviceWorker.controller !== null,
  }));
  expect(worker).toEqual({ scope: pageUrl, controlled: true });
  await playground.waitForJobToFinish();
});
