// An old link with the scenario in the query still opens, and the page rewrites it to the fragment form.

import { expect, test } from '../fixtures/test.mjs';

test('an old ?strategy= link opens and ends up in the fragment', async ({ page, playground }) => {
  await playground.openLink('strategy=pool&workers=3');
  await expect(page.getByTestId('scenario-summary')).toContainText('3 workers');
  await expect
    .poll(() => page.evaluate(() => ({ search: location.search, hash: decodeURIComponent(location.hash) })))
    .toEqual({ search: '', hash: expect.stringMatching(/^#\?strategy=pool&workers=3(&|$)/) });
  await expect(page.getByTestId('scenario-summary')).toContainText('3 workers');
});
