// Measures the 1,000,000-task run: how long it takes on the pool, how progress shows, and whether the page stays responsive.
//
// usage (after `trunk build --release`): node perf/large-run.mjs
// While the simulation runs on the Web Workers, the page's main thread is
// sampled with requestAnimationFrame: the longest gap between two frames is
// how long the page was unresponsive. Progress is read from the progress bar.

import { base, browser, serve, summary } from './lib.mjs';

const link = process.argv[2] ?? 'strategy=pool&workers=8&tasks=1000000&dur=1ms&cpu=1';

const server = await serve();
const chromium = await browser();
try {
  const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}?${link}`);
  await page.waitForSelector('[data-testid=run-status][data-state=running]', { state: 'attached', timeout: 30_000 });
  const result = await page.evaluate(async () => {
    const started = performance.now();
    const progress = [];
    const deltas = [];
    let last = null;
    await new Promise((resolve) => {
      const frame = (now) => {
        if (last !== null) deltas.push(now - last);
        last = now;
        const bar = document.querySelector('[data-testid=progress]');
        if (bar) {
          const value = Number(bar.getAttribute('value'));
          if (progress.length === 0 || progress[progress.length - 1].permille !== value) {
            progress.push({ at_ms: Math.round(now - started), permille: value });
          }
        }
        const state = document.querySelector('[data-testid=run-status]').dataset.state;
        if (state === 'running') requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    return {
      simulate_ms: Math.round(performance.now() - started),
      state: document.querySelector('[data-testid=run-status]').dataset.state,
      makespan: document.querySelector('[data-testid=metric-makespan]')?.textContent,
      noTrace: document.querySelector('[data-testid=no-trace]')?.textContent,
      progress,
      deltas,
    };
  });
  const { deltas, ...rest } = result;
  console.log(JSON.stringify({ link, ...rest, progress_updates: rest.progress.length, progress: rest.progress.filter((_, i) => i % 5 === 0), frames: summary(deltas) }));
} finally {
  await chromium.close();
  server.kill();
}
