// A scenario written in a lesson's text is a link that loads it into the lesson's playground.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('a strategy= code span loads its scenario', async ({ lessons, page }) => {
  await lessons.openLesson('work-stealing');
  await lessons.waitForRun('ready');
  const link = lessons.text.getByTestId('scenario-link').filter({ hasText: 'strategy=pool' });
  await link.click();
  await lessons.expectLesson('work-stealing');
  await lessons.waitForRun('ready');
  await expect(page.getByTestId('param-strategy')).toHaveValue('pool');
  await expect(page.getByTestId('param-workers')).toHaveValue('4');
  await expect.poll(() => lessons.hash()).toBe('#/lesson/work-stealing?strategy=pool&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1');
});
