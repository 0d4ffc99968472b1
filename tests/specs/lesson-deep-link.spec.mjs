// A deep link opens its lesson: bare, on the lesson's preset; with a scenario query, on that scenario instead.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('a bare deep link opens the lesson on its preset', async ({ lessons, page }) => {
  await lessons.openLesson('work-stealing');
  await lessons.waitForRun('ready');
  await expect(page.getByTestId('param-strategy')).toHaveValue('static');
  await expect(page.getByTestId('param-tasks')).toHaveValue('40');
  // The address settles on the lesson's route with the preset spelled out.
  await expect.poll(() => lessons.hash()).toMatch(/^#\/lesson\/work-stealing\?strategy=static&tasks=40&durations=160ms,20ms,20ms,20ms/);
  await expect(page).toHaveTitle(/gobalance/);
});

test('a scenario query overrides the preset', async ({ lessons, page }) => {
  await lessons.openLesson('work-stealing', 'strategy=steal&workers=3&tasks=12');
  await lessons.waitForRun('ready');
  await expect(page.getByTestId('param-strategy')).toHaveValue('steal');
  await expect(page.getByTestId('param-workers')).toHaveValue('3');
  await expect(page.getByTestId('param-tasks')).toHaveValue('12');
  await expect.poll(() => lessons.hash()).toBe('#/lesson/work-stealing?strategy=steal&workers=3&tasks=12');

  // The page keeps the lesson's route across a reload.
  await page.reload();
  await lessons.expectLesson('work-stealing');
  await expect(page.getByTestId('param-workers')).toHaveValue('3');
});

test('an unknown lesson says so and links to the index', async ({ lessons, page }) => {
  await page.goto('/#/lesson/no-such-lesson');
  await expect(lessons.lesson).toHaveAttribute('data-state', 'missing');
  await lessons.indexLink.click();
  await expect(lessons.index).toBeVisible();
});
