// A bad link names every bad field in a banner, and the page still runs what it could keep.

import { expect, test } from '../fixtures/test.mjs';

test('a bad link shows the field, the value and what is allowed, and still renders', async ({ playground }) => {
  await playground.open('/?strategy=pool&workers=zero&tasks=9&speed=fast');
  await expect(playground.errorBanner).toBeVisible();

  const workers = playground.linkErrors.and(playground.page.locator('[data-field="workers"]'));
  await expect(workers).toContainText('zero');
  await expect(workers).toContainText('a whole number from 1 to');
  await expect(playground.linkErrors.and(playground.page.locator('[data-field="speed"]'))).toBeVisible();

  // The rest of the link was kept: 9 tasks run, with the default 4 workers.
  await playground.waitForRun('ready');
  await expect(playground.stages).toHaveCount(1);
  await expect(playground.page.getByTestId('param-tasks')).toHaveValue('9');
  await expect(playground.page.getByTestId('param-workers')).toHaveValue('4');
  await playground.stepForward.click();
  await playground.expectPlayhead(1);
});
