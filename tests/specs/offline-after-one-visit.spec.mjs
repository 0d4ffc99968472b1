// After one visit the playground, the learner's program editor (once opened) and any lesson open and run with the host gone, served by the service worker.

import { expect, test } from '../fixtures/lesson-page.mjs';
import { ownPorts, startServer, subPath } from '../fixtures/servers.mjs';

const port = ownPorts.offline;
const pageUrl = `http://127.0.0.1:${port}${subPath}`;

test('with the server stopped the page reloads, runs a scenario and opens a lesson', async ({
  page,
  playground,
  lessons,
}) => {
  const server = await startServer(port, ['--no-isolation', '--base', subPath]);
  try {
    await playground.open(pageUrl);
    // Isolated only once the page came through the worker, which had the whole build by then.
    await playground.waitForThreads('running');
    // The program module is fetched when the editor first opens, and kept.
    await playground.waitForRun('ready');
    await page.getByTestId('edit-program').click();
    await playground.waitForRun('ready');
    await page.getByTestId('program-close').click();
  } finally {
    await server.stop();
  }
  // The process is gone: nothing answers on the port any more.
  await expect(fetch(pageUrl)).rejects.toThrow();

  const responses = [];
  // The page's own files; the rayon threads' blob: copies of their helper never touch the network.
  page.on('response', (response) => {
    if (response.url().startsWith(pageUrl)) responses.push(response);
  });
  await page.reload();
  await playground.waitForThreads('running');
  await playground.waitForRun('ready');
  await playground.stepForward.click();
  await playground.expectPlayhead(1);

  // The learner's program still runs: its module came from the cache.
  await page.getByTestId('edit-program').click();
  await playground.waitForRun('ready');
  await expect(page.getByTestId('program-status')).toContainText('ran to the end');

  await page.goto(`${pageUrl}#/lesson/worker-pool`);
  await lessons.expectLesson('worker-pool');
  await lessons.waitForRun('ready');

  expect(responses.length).toBeGreaterThan(4);
  const notFromWorker = responses.filter((response) => !response.fromServiceWorker()).map((response) => response.url());
  expect(notFromWorker).toEqual([]);
  expect(responses.map((response) => response.status()).every((status) => status === 200)).toBe(true);
});
