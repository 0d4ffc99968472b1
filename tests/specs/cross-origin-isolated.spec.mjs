// Served with COOP/COEP, the page is cross-origin isolated and says so.

import { expect, test } from '../fixtures/test.mjs';

test('a page served with COOP/COEP is cross-origin isolated', async ({ playground }) => {
  await playground.open();

  expect(await playground.isCrossOriginIsolated()).toBe(true);
  await expect(playground.isolation).toHaveText('cross-origin isolated');
});
