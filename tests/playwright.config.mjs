// Playwright configuration: Debian's Chromium against dist/, served by serve-dist.mjs.
//
// Run through `cargo xtask test`, which builds dist/ first. Ports 8091 and
// 8092 keep clear of `trunk serve` on 8080.

import { defineConfig } from '@playwright/test';

import { isolatedPort, notIsolatedPort } from './fixtures/servers.mjs';

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  // One Chromium at a time: the machine has 2 cores and the page starts a
  // worker per core.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${isolatedPort}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      // Never Playwright's own browser download: it cannot be fetched here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node serve-dist.mjs --port ${isolatedPort}`,
      url: `http://127.0.0.1:${isolatedPort}/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      command: `node serve-dist.mjs --port ${notIsolatedPort} --no-isolation`,
      url: `http://127.0.0.1:${notIsolatedPort}/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
  ],
});
