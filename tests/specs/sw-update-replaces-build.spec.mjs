// A new build served in the same place replaces the cached one whole: after a reload every file the page uses, and everything cached, is the new build's.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '../fixtures/test.mjs';
import { copyAsNewBuild, distDir, filesIn, ownPorts, startServer, subPath } from '../fixtures/servers.mjs';

const port = ownPorts.update;
const pageUrl = `http://127.0.0.1:${port}${subPath}`;

/** A URL of the page's as a path in its build (`` for the page itself), or the whole URL if it is not under the page. */
function inBuild(url) {
  const plain = new URL(url);
  plain.search = '';
  plain.hash = '';
  if (!plain.href.startsWith(pageUrl)) return url;
  const path = plain.href.slice(pageUrl.length);
  return path === 'index.html' ? '' : path;
}

let scratch;
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gobalance-build-b-'));
});
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

test('after a new build is served, the page and the cache hold only the new build', async ({ page, playground }) => {
  const buildB = join(scratch, 'dist');
  const filesB = new Set(['', ...(await copyAsNewBuild(distDir, buildB))]);
  const onlyInA = (await filesIn(distDir)).filter((file) => !filesB.has(file));
  const indexB = await readFile(join(buildB, 'index.html'), 'utf8');
  // The copy really is another build: the js, the wasm and the css have new names.
  expect(onlyInA.filter((file) => /\.(js|wasm|css)$/.test(file)).length).toBeGreaterThanOrEqual(4);

  let server = await startServer(port, ['--no-isolation', '--base', subPath]);
  try {
    await playground.open(pageUrl);
    await playground.waitForThreads('running');
    await server.stop();

    server = await startServer(port, ['--no-isolation', '--base', subPath, '--root', buildB]);
    await page.reload();
    await playground.waitForThreads('running');
    await playground.waitForRun('ready');
  } finally {
    await server.stop();
  }

  const used = await page.evaluate(() => [
    location.href,
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
  ]);
  expect(used.some((url) => url.endsWith('_bg.wasm'))).toBe(true);
  expect(used.map(inBuild).filter((file) => !filesB.has(file))).toEqual([]);

  const cached = await page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
    }
    return out;
  });
  const cacheLists = Object.values(cached);
  expect(cacheLists).toHaveLength(1);
  const cachedFiles = cacheLists[0].map(inBuild);
  expect(cachedFiles.filter((file) => !filesB.has(file))).toEqual([]);
  // The whole shell is there: the page, its js, wasm and css, and the worker's snippet;
  // the program module is fetched (and then kept) only when the editor first opens.
  const programModule = (file) => file.startsWith('gobalance-lang-worker');
  const shell = [...filesB].filter(
    (file) => /^[^/]+\.(js|wasm|css)$/.test(file) && file !== 'sw.js' && !programModule(file),
  );
  expect(cachedFiles).toEqual(expect.arrayContaining(['', ...shell]));
  expect(cachedFiles.filter(programModule)).toEqual([]);
  expect(cachedFiles.some((file) => file.startsWith('snippets/'))).toBe(true);
  const cachedIndex = await page.evaluate(async (url) => (await caches.match(url)).text(), pageUrl);
  expect(cachedIndex).toBe(indexB);
});
