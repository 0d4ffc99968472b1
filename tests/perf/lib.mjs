// Shared by the speed measurements: Debian's Chromium, the dist/ server, and percentiles.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

export const port = 8094;
export const base = `http://127.0.0.1:${port}/`;

/** Starts serve-dist.mjs (cross-origin isolated) and resolves once it listens. */
export async function serve() {
  const script = fileURLToPath(new URL('../serve-dist.mjs', import.meta.url));
  const server = spawn(process.execPath, [script, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  return server;
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Nearest-rank percentile of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export function summary(values) {
  const round = (x) => Math.round(x * 100) / 100;
  return {
    frames: values.length,
    p50_ms: round(percentile(values, 50)),
    p95_ms: round(percentile(values, 95)),
    p99_ms: round(percentile(values, 99)),
    max_ms: round(Math.max(...values)),
  };
}

/**
 * Plays the loaded run from its start at `speed` for up to `seconds` of
 * frames and returns the frame times (requestAnimationFrame deltas), the
 * most lanes and chips on screen, the long tasks seen, and the step reached.
 */
export async function playFrames(page, speed, seconds) {
  await page.getByTestId('speed').selectOption(speed);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  const played = await page.evaluate(async ({ seconds }) => {
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
  return { ...played, reached: Number(await page.getByTestId('scrub').inputValue()) };
}
