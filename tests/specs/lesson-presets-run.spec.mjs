// Every lesson's preset runs in the playground, with the lesson's Go program and its exercises checked, and no console error.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('every preset runs without console errors', async ({ lessons, page, consoleErrors }) => {
  test.setTimeout(240_000);
  await lessons.openIndex();
  const slugs = await lessons.slugs();
  expect(slugs).toHaveLength(15);
  await lessons.link(slugs[0]).click();

  for (const [i, slug] of slugs.entries()) {
    await test.step(slug, async () => {
      await lessons.expectLesson(slug);
      // The lesson and the reset run state render together, so this waits for this preset's run.
      await lessons.waitForRun('ready');
      await expect(lessons.makespan).toBeVisible();
      await expect(lessons.code).toBeVisible();
      const exercises = await lessons.exercises.count();
      // One or two on the scenario, and at most one program to fix.
      expect(exercises).toBeGreaterThanOrEqual(1);
      expect(exercises).toBeLessThanOrEqual(3);
      await expect(lessons.exercises.first()).not.toHaveAttribute('data-state', 'waiting');
      expect(await lessons.goalChecks.count()).toBeGreaterThan(0);
      // No preset already meets its goals: there is something to do.
      for (let e = 0; e < exercises; e += 1) {
        await expect(lessons.exercises.nth(e)).toHaveAttribute('data-state', 'not-met');
      }
      expect(consoleErrors, `console errors on ${slug}`).toEqual([]);
      if (i + 1 < slugs.length) await lessons.next.click();
    });
  }
  await expect(lessons.next).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
