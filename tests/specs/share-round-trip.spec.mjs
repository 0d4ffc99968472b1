// Share copies the canonical link; opening it shows the same scenario at the same state.

import { expect, test } from '../fixtures/test.mjs';

test('the shared link reproduces the scenario, playhead and selection', async ({ playground, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await playground.openLink('strategy=steal&workers=3&tasks=12&dist=exp&dur=5ms&seed=7');
  for (let i = 0; i < 60; i++) await playground.stepForward.click();
  await page.locator('[data-testid=lane][data-g="1"] button').click();
  const shown = await playground.snapshot();

  await playground.share.click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await playground.shareLink.inputValue());
  expect(copied).toContain('strategy=steal');
  expect(copied).toContain('at=60');
  expect(copied).toContain('g=1');
  // The address bar carries the same link.
  await expect.poll(() => page.url()).toBe(copied);

  const other = await context.newPage();
  const { PlaygroundPage } = await import('../fixtures/playground-page.mjs');
  const reopened = new PlaygroundPage(other);
  await other.goto(copied);
  await reopened.waitForRun('ready');
  await reopened.expectPlayhead(60);
  expect(await reopened.snapshot()).toEqual(shown);
  await expect(reopened.makespan).toHaveText(await playground.makespan.textContent());
});
