// Measures real mode in the page: the speedup of a CPU-bound pool from 1 to 2 worker threads, and the real runtime's overhead per empty task.
//
// usage (after `trunk build --release`): node perf/real-mode.mjs [runs]
// Each measurement presses "Run for real" on the playground and reads the
// real makespan from its table; the native counterparts are
// `gobalance real '<link>' --threads N --json` (see the notes beside each
// link below).

import { base, browser, percentile, serve } from './lib.mjs';

const runs = Number(process.argv[2] ?? 5);
// 16 tasks of 50 ms of computing, on 1 and on 2 threads.
const cpuBound = (cores) => `strategy=pool&workers=2&tasks=16&dur=50ms&cpu=1&cores=${cores}`;
// Empty tasks: the runtime's own cost of a task handed through a channel.
const empty = 'strategy=pool&workers=2&tasks=100000&dur=0&cores=2';

const server = await serve();
const chromium = await browser();

/** Presses "Run for real" `runs` times on `link` and returns each real makespan in ms. */
async function realMakespans(link) {
  const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}?${link}`);
  const attached = { state: 'attached', timeout: 60_000 };
  await page.waitForSelector('[data-testid=threads][data-state=running]', attached);
  await page.waitForSelector('[data-testid=run-status][data-state=ready]', attached);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.click('[data-testid=real-run]');
    // The click starts the run at once; then wait for its end.
    await page.waitForSelector('[data-testid=real][data-state=running]', attached);
    await page.waitForSelector('[data-testid=real][data-state=ready]', attached);
    const cell = await page.locator('[data-testid=real-table] tr', { hasText: 'makespan' }).locator('td').nth(1).innerText();
    times.push(parseFloat(cell));
  }
  await context.close();
  return times;
}

try {
  const one = await realMakespans(cpuBound(1));
  const two = await realMakespans(cpuBound(2));
  const emptyRuns = await realMakespans(empty);
  const emptyMs = percentile(emptyRuns, 50);
  console.log(
    JSON.stringify({
      runs,
      cpu_bound_one_thread_ms: one,
      cpu_bound_two_threads_ms: two,
      speedup_median: percentile(one, 50) / percentile(two, 50),
      empty_tasks_ms: emptyRuns,
      empty_tasks_per_s: Math.round(100_000 / (emptyMs / 1000)),
    }),
  );
} finally {
  await chromium.close();
  server.kill();
}
