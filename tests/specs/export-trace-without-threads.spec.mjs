// Without a pool (no cross-origin isolation) "Download trace" writes the trace on the page's thread and still saves it.

import { readFile } from 'node:fs/promises';

import { expect, test } from '../fixtures/test.mjs';
import { notIsolatedUrl } from '../fixtures/servers.mjs';

// A browser without service workers: the page must stay unisolated to mean what it tests.
test.use({ serviceWorkers: 'block' });

test('without threads the trace is written on the page and saved', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=6&dur=5ms', notIsolatedUrl);
  await playground.waitForThreads('off');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-trace').click(),
  ]);
  const trace = JSON.parse(await readFile(await download.path(), 'utf8'));
  const goroutineTracks = trace.traceEvents.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === 1,
  );
  // main, its two workers, the producer and the closer.
  expect(goroutineTracks.map((e) => e.args.name).sort()).toEqual([
    'closer 0 (g4)',
    'main (g0)',
    'producer 0 (g3)',
    'worker 0 (g1)',
    'worker 1 (g2)',
  ]);
});
