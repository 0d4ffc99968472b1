// A link opens at exactly the state it names: playhead, clock, lanes and the selected goroutine.

import { expect, test } from '../fixtures/test.mjs';

const scenario = 'strategy=pool&workers=3&tasks=6';

test('a link with at= and g= opens at that event with that goroutine selected', async ({ playground }) => {
  // The reference: the same scenario from the start, stepped forward 40 times.
  await playground.openLink(scenario);
  for (let i = 0; i < 40; i++) await playground.stepForward.click();
  await playground.expectPlayhead(40);
  await playground.page.locator('[data-testid=lane][data-g="2"] button').click();
  const stepped = await playground.snapshot();

  await playground.openLink(`${scenario}&at=40&g=2`);
  await playground.expectPlayhead(40);
  const opened = await playground.snapshot();

  expect(opened).toEqual(stepped);
  // main, three workers, the producer and the closer.
  expect(opened.lanes).toBe(6);
  expect(opened.selected).toBe(2);
  expect(opened.clock).not.toBe('0 ns');
});
