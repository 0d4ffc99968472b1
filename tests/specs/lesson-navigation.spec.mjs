// The index is reachable from the playground; next, previous and the browser's back and forward move between lessons.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('lessons are reached from the playground and walked with next, previous, back and forward', async ({ lessons, page }) => {
  await page.goto('/?strategy=pool&workers=3');
  await lessons.lessonsLink.click();
  await expect(lessons.index).toBeVisible();
  const slugs = await lessons.slugs();

  await lessons.link(slugs[0]).click();
  await lessons.expectLesson(slugs[0]);
  await expect(lessons.prev).toHaveCount(0);
  await lessons.next.click();
  await lessons.expectLesson(slugs[1]);
  await lessons.next.click();
  await lessons.expectLesson(slugs[2]);
  await lessons.prev.click();
  await lessons.expectLesson(slugs[1]);

  await page.goBack();
  await lessons.expectLesson(slugs[2]);
  await page.goBack();
  await lessons.expectLesson(slugs[1]);
  await page.goForward();
  await lessons.expectLesson(slugs[2]);

  // Back through the lessons to the index, then to the playground as it was.
  await lessons.indexLink.click();
  await expect(lessons.index).toBeVisible();
  await lessons.playgroundLink.click();
  await expect(lessons.lesson).toHaveCount(0);
  await expect(page.getByTestId('param-workers')).toHaveValue('3');
});
