// Real mode: the scenario runs for real on the page's worker threads beside its prediction, can be cancelled, asks for a prediction for this machine, and is off (saying why) without isolation.

import { fileURLToPath } from 'node:url';

import { expectNoViolations } from '../fixtures/axe.mjs';
import { notIsolatedUrl } from '../fixtures/servers.mjs';
import { expect, test } from '../fixtures/test.mjs';

const screenshotPath = fileURLToPath(new URL('../screenshots/real-mode.png', import.meta.url));

test('a real run on the worker threads finishes beside its prediction', async ({ playground, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await playground.openLink('strategy=steal&workers=4&tasks=40&durations=40ms,5ms,5ms,5ms&cores=2');
  await playground.waitForThreads('running');
  const real = page.getByTestId('real');
  await page.getByTestId('real-run').click();
  await expect(real).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

  const table = page.getByTestId('real-table');
  await expect(table).toContainText('Predicted for 2 cores, and measured on 2 threads');
  // Every task ran, for real as in the prediction.
  await expect(table.locator('tr', { hasText: 'tasks done' })).toContainText(/tasks done\s*40\s*40/);
  // Stealing really happened on the threads.
  const steals = await table.locator('tr', { hasText: 'steals' }).locator('td').nth(1).innerText();
  expect(Number(steals)).toBeGreaterThan(0);
  await expect(page.getByTestId('real-explanation')).not.toBeEmpty();
  await expect(page.getByTestId('real-worker-bars').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('real-gantt').locator('canvas')).toHaveAttribute('aria-label', /predicted run .* above the real one/);

  await real.scrollIntoViewIfNeeded();
  await real.screenshot({ path: screenshotPath });
  await expectNoViolations(page, 'the real run beside its prediction');

  // A new scenario forgets the result.
  await page.getByTestId('param-workers').fill('3');
  await page.getByTestId('param-workers').dispatchEvent('change');
  await expect(real).toHaveAttribute('data-state', 'idle');
});

test('a leak run for real shows where its goroutines are stuck in the Go program', async ({ playground, page }) => {
  await playground.openLink('strategy=leak&tasks=10&dur=20ms&cancel_after=1&cores=2');
  await playground.waitForThreads('running');
  await page.getByTestId('real-run').click();
  await expect(page.getByTestId('real')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('real-left')).toContainText('9 goroutines at line');
  await expect(page.getByTestId('real-left')).toContainText('`out <- t` (chan send)');
  // The Go program's line, with the goroutines on it as the code view draws them.
  const line = page.getByTestId('real-code').locator('li.has-cursor');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('out <- t');
  await expect(line.getByTestId('cursor')).toHaveCount(3);
  await expect(line).toContainText('+6');
  await page.getByTestId('real').screenshot({ path: fileURLToPath(new URL('../screenshots/real-leak.png', import.meta.url)) });
  await expectNoViolations(page, 'a leak run for real');
  await expect(page.getByTestId('real-table').locator('tr', { hasText: 'leaked' })).toContainText(/leaked\s*9\s*9/);
});

test('a real run shows its progress and can be cancelled', async ({ playground, page }) => {
  // 200 tasks of 50 ms on 2 workers: 5 s if left alone.
  await playground.openLink('strategy=pool&workers=2&tasks=200&dur=50ms&cores=2');
  await playground.waitForThreads('running');
  await page.getByTestId('real-run').click();
  const progress = page.getByTestId('real-progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByTestId('real-cancel').click();
  await expect(page.getByTestId('real')).toHaveAttribute('data-state', 'failed', { timeout: 5_000 });
  await expect(page.getByTestId('real-error')).toHaveText('The real run was cancelled');
});

test('a prediction for more cores than threads asks to predict for this machine', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=4&tasks=20&dur=5ms&cores=64');
  await playground.waitForThreads('running');
  const threads = await playground.threadCount.innerText();
  await page.getByTestId('real-run').click();
  await expect(page.getByTestId('real-error')).toContainText('The prediction is for 64 cores');
  await page.getByTestId('predict-here').click();
  await expect(page.getByTestId('param-cores')).toHaveValue(threads);
  await playground.waitForRun('ready');
  await page.getByTestId('real-run').click();
  await expect(page.getByTestId('real')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('real-table')).toContainText(`measured on ${threads} threads`);
});

test('a sweep for real draws this machine\'s curve beside the predicted one', async ({ playground, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await playground.openLink('strategy=pool&workers=2&tasks=16&dur=10ms&cpu=1&cores=2');
  await playground.waitForThreads('running');
  await page.getByTestId('sweep-real').click();
  const sweep = page.getByTestId('sweep');
  await expect(sweep).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-real-line')).toBeVisible();
  const rows = sweep.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(sweep.locator('thead')).toContainText('real');
  // One worker computes 160 ms alone, for real as predicted (within the machine's noise).
  const oneWorker = await rows.first().locator('td').nth(2).innerText();
  expect(parseFloat(oneWorker)).toBeGreaterThan(100);
  await sweep.scrollIntoViewIfNeeded();
  await sweep.screenshot({ path: fileURLToPath(new URL('../screenshots/sweep-for-real.png', import.meta.url)) });
  await expectNoViolations(page, 'a sweep for real');
});

test.describe('without isolation', () => {
  test.use({ serviceWorkers: 'block' });

  test('real mode is off and says why', async ({ playground, page }) => {
    await playground.open(notIsolatedUrl);
    await playground.waitForThreads('off');
    await expect(page.getByTestId('real-run')).toBeDisabled();
    await expect(page.getByTestId('real-off')).toContainText('Real mode is off. Threads are off');
    await expect(page.getByTestId('sweep-real')).toBeDisabled();
  });
});
