// Measures a million-task pool of 8 in the page: time to simulate and be ready to step, 200 random seeks, and playback frames at every speed.
//
// usage (after `trunk build --release`): node perf/million.mjs [link] [seconds]
// A seek is timed from setting the scrub to the frame on which the event
// log shows that step; playback frames are requestAnimationFrame deltas.

import { base, browser, percentile, playFrames, serve, summary } from './lib.mjs';

const link = process.argv[2] ?? 'strategy=pool&workers=8&cores=8&tasks=1000000&dist=exp&dur=1ms';
const seconds = Number(process.argv[3] ?? 5);
const SEEKS = 200;

const server = await serve();
const chromium = await browser();
try {
  const page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}?${link}`);
  await page.waitForSelector('[data-testid=threads][data-state=running]', { state: 'attached', timeout: 30_000 });
  const started = Date.now();
  await page.waitForSelector('[data-testid=run-status][data-state=ready]', { state: 'attached', timeout: 300_000 });
  const readyMs = Date.now() - started;
  const steps = Number(await page.getByTestId('scrub').getAttribute('max'));
  const held = await page.getByTestId('held').textContent();
  const wasmBytes = Number(await page.getByTestId('held').getAttribute('data-wasm-bytes'));

  const seeks = await page.evaluate(async ({ steps, count }) => {
    const scrub = document.querySelector('[data-testid=scrub]');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const times = [];
    let x = 12345;
    for (let i = 0; i < count; i += 1) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const at = 1 + (x % (steps - 1));
      const t0 = performance.now();
      setter.call(scrub, String(at));
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => {
          const current = document.querySelector('[data-testid=event-log] li.current');
          if (current && current.getAttribute('value') === String(at)) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      times.push(performance.now() - t0);
    }
    return times;
  }, { steps, count: SEEKS });

  const speeds = await page.getByTestId('speed').locator('option').evaluateAll((options) => options.map((o) => o.value));
  const playback = [];
  for (const speed of speeds) {
    const { out, reached } = await playFrames(page, speed, seconds);
    playback.push({ speed, reached, ...summary(out) });
  }
  const round = (v) => Math.round(v * 10) / 10;
  console.log(JSON.stringify({
    link, steps, ready_ms: readyMs, wasm_bytes: wasmBytes, held,
    seek_ms: { p50: round(percentile(seeks, 50)), p95: round(percentile(seeks, 95)), max: round(Math.max(...seeks)) },
    playback,
  }, null, 1));
} finally {
  await chromium.close();
  server.kill();
}
