// Damaged or old saved progress is reset with a notice naming what was wrong; the page still works and nothing else saved is lost.

import { expect, PROGRESS_KEY, test } from '../fixtures/lesson-page.mjs';

const damaged = [
  { name: 'garbage', saved: '{"version":1,"lessons":', says: /not JSON/ },
  { name: 'an unknown version', saved: '{"version":99,"lessons":{}}', says: /version 99/ },
  { name: 'a wrong type', saved: '{"version":1,"lessons":"everything"}', says: /lessons are a string/ },
];

for (const { name, saved, says } of damaged) {
  test(`saved progress with ${name} is reset with a notice`, async ({ lessons, page }) => {
    await page.goto('/');
    await page.evaluate(
      ([key, value]) => {
        localStorage.setItem(key, value);
        localStorage.setItem('someone-else', 'keep me');
      },
      [PROGRESS_KEY, saved],
    );
    await lessons.openIndex();
    await expect(lessons.notice).toBeVisible();
    await expect(lessons.notice).toContainText(says);
    await expect(lessons.notice).toContainText('reset');

    // The page works: a lesson opens, runs, and takes an answer, which is saved.
    const [slug] = await lessons.slugs();
    await lessons.link(slug).click();
    await lessons.expectLesson(slug);
    await lessons.waitForRun('ready');
    await lessons.answerWith(0);
    await expect.poll(async () => (await lessons.savedProgress())?.lessons?.[slug]?.choice).toBe(0);
    expect((await lessons.savedProgress()).version).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('someone-else'))).toBe('keep me');

    // Repaired once, the notice does not come back.
    await page.reload();
    await lessons.expectLesson(slug);
    await expect(lessons.notice).toHaveCount(0);
  });
}

test('a damaged entry is dropped by name and the rest kept', async ({ lessons, page }) => {
  await page.goto('/');
  await page.evaluate((key) => {
    localStorage.setItem(
      key,
      JSON.stringify({
        version: 1,
        lessons: {
          'what-is-a-goroutine': { choice: 1, exercises_met: [] },
          'the-go-scheduler': { choice: 'b' },
          'a-lesson-that-was-removed': { choice: 0 },
        },
      }),
    );
  }, PROGRESS_KEY);
  await lessons.openIndex();
  await expect(lessons.notice).toContainText('the choice is a string');
  await expect(lessons.notice).toContainText('a-lesson-that-was-removed');
  expect(await lessons.mark('what-is-a-goroutine')).toBe('answered');
  expect(await lessons.mark('the-go-scheduler')).toBe('new');
  await page.getByTestId('progress-notice-dismiss').click();
  await expect(lessons.notice).toHaveCount(0);
});
