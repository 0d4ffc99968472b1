// Measures a keystroke in the program editor to the re-run's result on screen, for every lesson's preset with its strategy's program.
//
// usage (after `trunk build --release`): node perf/program-keystroke.mjs [edits per preset]
// Each edit adds a space at the end of the program (it still compiles, so
// it runs again whole), timed from the input event to the first frame on
// which the run is ready again; the first run, which fetches and compiles
// the program module, is reported apart.

import { readFileSync } from 'node:fs';

import { base, browser, percentile, serve } from './lib.mjs';

const EDITS = Number(process.argv[2] ?? 20);
const catalog = readFileSync(new URL('../../crates/lessons/src/catalog.rs', import.meta.url), 'utf8');
const presets = [...catalog.matchAll(/preset: "([^"]+)"/g)].map((match) => match[1]);

const server = await serve();
const chromium = await browser();
try {
  const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
  const all = [];
  for (const preset of presets) {
    await page.goto(`${base}?${preset}`);
    await page.waitForSelector('[data-testid=run-status][data-state=ready]', { state: 'attached', timeout: 60_000 });
    const opened = Date.now();
    await page.getByTestId('edit-program').click();
    await page.waitForSelector('[data-testid=editor-input]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=run-status]').dataset.state === 'ready'
        && !document.querySelector('[data-testid=program-status]').textContent.startsWith('Running'),
      null,
      { timeout: 60_000 },
    );
    const firstMs = Date.now() - opened;
    const times = await page.evaluate(async (edits) => {
      const input = document.querySelector('[data-testid=editor-input]');
      const status = document.querySelector('[data-testid=run-status]');
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const out = [];
      for (let i = 0; i < edits; i++) {
        const rerun = new Promise((resolve) => {
          let left = false;
          const observer = new MutationObserver(() => {
            if (status.dataset.state !== 'ready') left = true;
            else if (left) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
        });
        const started = performance.now();
        input.value += ' ';
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await rerun;
        await frame();
        out.push(performance.now() - started);
      }
      return out;
    }, EDITS);
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `${preset}\n  first run ${firstMs} ms; keystroke to result p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(
    `every preset: ${all.length} edits, p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${all.at(-1).toFixed(1)} ms`,
  );
} finally {
  await chromium.close();
  server.kill();
}
