// dist/ names its files by relative URLs, so it works unchanged under a sub-path: every request stays under it and is answered.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from '../fixtures/test.mjs';
import { distDir, ownPorts, startServer, subPath } from '../fixtures/servers.mjs';

const port = ownPorts.relativeUrls;
const origin = `http://127.0.0.1:${port}`;

let server;
test.beforeAll(async () => {
  server = await startServer(port, ['--base', subPath]);
});
test.afterAll(async () => {
  await server?.stop();
});

test('dist/index.html uses only relative URLs and the page loads whole under a sub-path', async ({
  page,
  playground,
  request,
}) => {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  // Parsed as a browser parses it: the release build's html is minified,
  // attribute quotes and order included.
  const urls = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const linked = [...doc.querySelectorAll('[href],[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src'));
    const named = [...doc.querySelectorAll('meta[name^="gobalance-"]')].map((e) => e.getAttribute('content'));
    return [...linked, ...named];
  }, html);
  expect(urls.length).toBeGreaterThan(6);
  for (const url of urls) expect(url, 'a URL in dist/index.html').not.toMatch(/^(?:\/|[a-z][a-z0-9+.-]*:)/i);

  const answers = [];
  page.on('response', (response) => {
    // The rayon threads start from blob: copies of their helper, which are no request to the host.
    const url = new URL(response.url());
    if (url.protocol === 'http:') answers.push([url.pathname, response.status()]);
  });
  await playground.open(`${origin}${subPath}`);
  await playground.waitForJobToFinish();

  expect(answers.length).toBeGreaterThan(5);
  for (const [path, status] of answers) {
    expect(path.startsWith(subPath), `${path} is under ${subPath}`).toBe(true);
    expect(status, path).toBe(200);
  }
  // Nothing is served outside the sub-path: the page did not just find its files at the root.
  expect((await request.get(`${origin}/index.html`)).status()).toBe(404);
});
