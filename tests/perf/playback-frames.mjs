// Measures playback: 64 worker lanes and 10,000 tasks, frame times from requestAnimationFrame deltas.
//
// usage (after `trunk build --release`): node perf/playback-frames.mjs [seconds]
// Prints one JSON line per speed. A frame is the time between two
// requestAnimationFrame callbacks while the page plays; p95 of those is the
// number the issue asks for (at most 20 ms).

import { base, browser, playFrames, serve, summary } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 8);
// A pool (one shared channel) and work stealing (64 deques full of chips).
const links = [
  'strategy=pool&workers=64&tasks=10000&dur=1ms&cpu=0.5&cores=8',
  'strategy=steal&workers=64&tasks=10000&dist=exp&dur=1ms&cpu=0.5&cores=8',
];

const server = await serve();
const chromium = await browser();
try {
  for (const link of links) {
  const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}?${link}`);
  await page.waitForSelector('[data-testid=run-status][data-state=ready]', { state: 'attached', timeout: 120_000 });
  const events = await page.getByTestId('scrub').getAttribute('max');
  for (const speed of ['2', '3', '4']) {
    const deltas = await playFrames(page, speed, seconds);
    const reached = deltas.reached;
    console.log(JSON.stringify({
      link, lanes: deltas.lanes, chips: deltas.chips, long_tasks: deltas.longTasks, events: Number(events), speed, reached: Number(reached), ...summary(deltas.out),
    }));
  }
  await page.close();
  }
} finally {
  await chromium.close();
  server.kill();
}
