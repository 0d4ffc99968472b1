// Every lesson opened from the index and its question answered: after a reload the index marks each one and each lesson shows its answer again.

import { expect, test } from '../fixtures/lesson-page.mjs';

test('answers given to every lesson survive a reload', async ({ lessons, page }) => {
  test.setTimeout(240_000);
  await lessons.openIndex();
  const slugs = await lessons.slugs();
  expect(slugs).toHaveLength(15);

  const given = {};
  for (const [i, slug] of slugs.entries()) {
    await test.step(`answer ${slug}`, async () => {
      expect(await lessons.mark(slug)).toBe('new');
      await lessons.link(slug).click();
      await lessons.expectLesson(slug);
      // Choices differ in number; any choice will do, the page says if it was right.
      const choice = i % (await lessons.choices.count());
      given[slug] = { choice, right: await lessons.answerWith(choice) };
      await lessons.indexLink.click();
      await expect(lessons.index).toBeVisible();
      expect(await lessons.mark(slug)).not.toBe('new');
    });
  }
  expect(Object.values(given).some((g) => g.right)).toBe(true);
  expect(Object.values(given).some((g) => !g.right)).toBe(true);

  await page.reload();
  await expect(lessons.index).toBeVisible();
  for (const slug of slugs) {
    expect(await lessons.mark(slug), slug).not.toBe('new');
  }
  for (const slug of slugs) {
    await test.step(`find ${slug} answered`, async () => {
      await lessons.link(slug).click();
      await lessons.expectLesson(slug);
      await expect(lessons.result).toHaveAttribute('data-right', String(given[slug].right));
      expect(await lessons.checkedChoice()).toBe(given[slug].choice);
      await lessons.indexLink.click();
      await expect(lessons.index).toBeVisible();
    });
  }
  await expect(lessons.notice).toHaveCount(0);
});
