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
