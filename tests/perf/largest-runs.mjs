// Opens each link given and reports whether it became steppable, how long it took and the wasm memory it left: the page's largest runs.
//
// usage (after `trunk build --release`): node perf/largest-runs.mjs LINK...

import { base, browser, serve } from './lib.mjs';
const server = await serve();
const chromium = await browser();
try {
  for (const link of process.argv.slice(2)) {
    const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${base}?${link}`);
    await page.waitForSelector('[data-testid=run-status][data-state=ready], [data-testid=run-status][data-state=failed]', { state: 'attached', timeout: 280_000 });
    const state = await page.getByTestId('run-status').getAttribute('data-state');
    const held = page.getByTestId('held');
    console.log(JSON.stringify({ link, state, s: (Date.now() - t0) / 1000, wasm: await held.getAttribute('data-wasm-bytes').catch(() => null), held: await held.textContent().catch(() => null), noTrace: await page.getByTestId('no-trace').textContent().catch(() => null), status: await page.getByTestId('run-status').textContent() }));
    await page.close();
  }
} finally { await chromium.close(); server.kill(); }
