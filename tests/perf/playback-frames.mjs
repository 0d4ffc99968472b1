// Measures playback: 64 worker lanes and 10,000 tasks, frame times from requestAnimationFrame deltas.
//
// usage (after `trunk build --release`): node perf/playback-frames.mjs [seconds]
// Prints one JSON line per speed. A frame is the time between two
// requestAnimationFrame callbacks while the page plays; p95 of those is the
// number the issue asks for (at most 20 ms).

import { base, browser, serve, summary } from './lib.mjs';

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
    await page.getByTestId('speed').selectOption(speed);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Home');
    const deltas = await page.evaluate(async ({ seconds }) => {
      document.querySelector('[data-testid=play]').click();
      const out = [];
      let last = null;
      let lanes = 0;
      let chips = 0;
      let longTasks = 0;
      const observer = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
      observer.observe({ type: 'longtask' });
      await new Promise((resolve) => {
        const frame = (now) => {
          if (last !== null) out.push(now - last);
          last = now;
          lanes = Math.max(lanes, document.querySelectorAll('[data-testid=lane]').length);
          chips = Math.max(chips, document.querySelectorAll('[data-testid=task]').length);
          if (out.length < seconds * 60 && document.querySelector('[data-testid=play]').dataset.state === 'playing') {
            requestAnimationFrame(frame);
          } else {
            resolve();
          }
        };
        requestAnimationFrame(frame);
      });
      const button = document.querySelector('[data-testid=play]');
      if (button.dataset.state === 'playing') button.click();
      observer.disconnect();
      return { out, lanes, chips, longTasks };
    }, { seconds });
    const reached = await page.getByTestId('scrub').inputValue();
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
