// axe-core finds no violation on the lesson index and on every lesson, light and dark at 1280 px and light at 375 px, and none on a lesson answered with a solution shown.

import { expectNoViolations } from '../fixtures/axe.mjs';
import { expect, test } from '../fixtures/lesson-page.mjs';

const looks = [
  { colorScheme: 'light', width: 1280 },
  { colorScheme: 'dark', width: 1280 },
  { colorScheme: 'light', width: 375 },
];

for (const { colorScheme, width } of looks) {
  test(`the index and every lesson have no axe violations, ${colorScheme} at ${width} px`, async ({ lessons, page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });

    await lessons.openIndex();
    await expectNoViolations(page, 'the lesson index', { soft: true });
    const slugs = await lessons.slugs();
    expect(slugs).toHaveLength(15);

    for (const slug of slugs) {
      await lessons.openLesson(slug);
      await lessons.waitForRun('ready');
      await expect(lessons.exercises.first()).not.toHaveAttribute('data-state', 'waiting');
      await expectNoViolations(page, `the lesson ${slug}`, { soft: true });
    }
  });

  test(`an answered lesson with a solution shown has no axe violations, ${colorScheme} at ${width} px`, async ({ lessons, page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });
    await lessons.openLesson('work-stealing');
    await lessons.waitForRun('ready');
    await lessons.answerWith(0);
    await lessons.exercises.first().getByTestId('exercise-solution-toggle').click();
    await expect(lessons.correction).toBeVisible();
    await expectNoViolations(page, 'work-stealing answered, a solution shown');
  });
}
