// Measures the first render of a link: from navigation start to the first stage on the page.
//
// usage (after `trunk build --release`): node perf/first-render.mjs [runs]
// The page marks `stage-painted` (performance.mark) in the effect that runs
// right after the first stage is in the DOM; its startTime is milliseconds
// since navigation start. Each run is a fresh page (no HTTP cache: the
// server sends Cache-Control: no-store), so it includes downloading and
// compiling the wasm, starting the Web Workers and simulating.

import { base, browser, percentile, serve } from './lib.mjs';

const runs = Number(process.argv[2] ?? 7);
const link = 'strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&at=280&g=2';

const server = await serve();
const chromium = await browser();
try {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}?${link}`);
    await page.waitForFunction(() => performance.getEntriesByName('stage-painted').length > 0, null, { timeout: 30_000 });
    // One more frame, so the mark's DOM has been painted.
    const painted = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
    const mark = await page.evaluate(() => performance.getEntriesByName('stage-painted')[0].startTime);
    times.push({ mark_ms: Math.round(mark), next_frame_ms: Math.round(painted) });
    await context.close();
  }
  const marks = times.map((t) => t.mark_ms);
  console.log(JSON.stringify({ link, runs, median_ms: percentile(marks, 50), max_ms: Math.max(...marks), times }));
} finally {
  await chromium.close();
  server.kill();
}
