// A correction box's two buttons load what the source's code does and the fix, so the playground shows the difference.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('the correction box switches between the source and the fix', async ({ lessons, page }) => {
  await lessons.openLesson('what-is-a-goroutine');
  await expect(lessons.correction).toBeVisible();
  await lessons.waitForRun('ready');

  await lessons.correctionSeed.click();
  await expect(lessons.correctionSeed).toHaveAttribute('aria-pressed', 'true');
  await lessons.waitForRun('ready');
  const source = await lessons.makespan.textContent();
  await expect(page.getByTestId('param-wait')).toHaveValue('50ms');

  await lessons.correctionFixed.click();
  await expect(lessons.correctionFixed).toHaveAttribute('aria-pressed', 'true');
  await expect(lessons.correctionSeed).toHaveAttribute('aria-pressed', 'false');
  await lessons.waitForRun('ready');
  await expect(page.getByTestId('param-wait')).toHaveValue('wg');
  await expect(lessons.makespan).not.toHaveText(source);

  // Each press is a step in history.
  await page.goBack();
  await expect(lessons.correctionSeed).toHaveAttribute('aria-pressed', 'true');
});
