// An exercise is checked live against the run: its solution meets every bound, and the met goal is saved.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('loading a solution meets the goal and the index counts it', async ({ lessons, page }) => {
  await lessons.openLesson('the-go-scheduler');
  await lessons.waitForRun('ready');
  const exercise = lessons.exercises.first();
  await expect(exercise).toHaveAttribute('data-state', 'not-met');
  await expect(exercise.getByTestId('goal-check').first()).toHaveAttribute('data-met', 'false');

  await exercise.getByTestId('exercise-solution-toggle').click();
  await expect(exercise.getByTestId('exercise-solution')).toBeVisible();
  await exercise.getByTestId('exercise-solution-load').click();
  await lessons.waitForRun('ready');
  await expect(exercise).toHaveAttribute('data-state', 'met');
  for (const check of await exercise.getByTestId('goal-check').all()) {
    await expect(check).toHaveAttribute('data-met', 'true');
  }
  await expect.poll(async () => (await lessons.savedProgress())?.lessons?.['the-go-scheduler']?.exercises_met).toEqual([0]);

  // Back on the preset the goal is missed again, but remembered.
  await page.goBack();
  await lessons.waitForRun('ready');
  await expect(exercise).toHaveAttribute('data-state', 'not-met');
  await expect(exercise.getByTestId('exercise-met-before')).toBeVisible();
});
