// The warm-up job runs on the pool and gets the right answer.

import { expect, test } from '../fixtures/test.mjs';

test('the warm-up job counts the primes below 300000 on the pool', async ({ playground }) => {
  await playground.open();
  await playground.waitForJobToFinish();

  // 25997 primes below 300000 (standard prime tables).
  await expect(playground.jobResult).toContainText('25997 primes below 300000');
});
