// Saves pictures of a lesson (text, correction box, answered question, exercises, playground) at desktop and phone widths to tests/screenshots/ for a person to look at.

import { fileURLToPath } from 'node:url';

import { expect, test } from '../fixtures/lesson-page.mjs';

const shot = (name) => fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url));

for (const width of [1280, 375]) {
  test(`a screenshot of a lesson at ${width} px`, async ({ lessons, page }) => {
    await page.setViewportSize({ width, height: 900 });
    await lessons.openLesson('work-stealing');
    await lessons.waitForRun('ready');
    await lessons.answerWith(1);
    await lessons.exercises.first().getByTestId('exercise-solution-toggle').click();
    await page.screenshot({ path: shot(`lesson-${width}`), fullPage: true });
    await lessons.openIndex();
    await page.screenshot({ path: shot(`lesson-index-${width}`), fullPage: true });
    await expect(lessons.lessonLinks).toHaveCount(15);
  });
}
