// Lanes past the timeline's first 128 goroutines are filled on demand: page to them or type a goroutine, and the chart shows theirs, the band counting the rest.

import { expectNoViolations } from '../fixtures/axe.mjs';
import { expect, test } from '../fixtures/test.mjs';

const LINK = 'strategy=unbounded&tasks=30000&dist=exp&dur=1ms';

test('paging the timeline fills the lanes of later goroutines and they can be selected', async ({ playground }) => {
  await playground.openLink(LINK);
  await expect(playground.lanesShown).toHaveText('Lanes: goroutines 0–127 of 30,001');
  await expect(playground.lanesEarlier).toBeDisabled();
  await expect(playground.othersNow).toContainText('The other 29,873 goroutines');

  await playground.lanesLater.click();
  await expect(playground.lanesShown).toHaveText('Lanes: goroutines 128–255 of 30,001', { timeout: 20_000 });
  await expect(playground.lanesEarlier).toBeEnabled();
  await expect(playground.gantt.locator('canvas')).toHaveAttribute('aria-label', /^Gantt chart of 128 goroutines \(the other 29,873/);

  // A goroutine near the end: the last page holds fewer lanes, and the band the rest.
  await playground.lanesFrom.fill('29990');
  await playground.lanesFrom.press('Enter');
  await expect(playground.lanesShown).toHaveText('Lanes: goroutines 29,990–30,000 of 30,001', { timeout: 20_000 });
  await expect(playground.lanesLater).toBeDisabled();
  await expect(playground.othersNow).toContainText('The other 29,990 goroutines');

  // The first lane's label selects its goroutine, followed on the stage
  // (at the end of the run, where every goroutine has been spawned).
  await playground.press('End');
  await playground.gantt.click({ position: { x: 10, y: 2 } });
  await expect.poll(() => playground.selectedGoroutine()).toBe(29_990);

  // A number past the last goroutine goes to the last one.
  await playground.lanesFrom.fill('99999999');
  await playground.lanesFrom.press('Enter');
  await expect(playground.lanesShown).toHaveText('Lanes: goroutines 30,000–30,000 of 30,001', { timeout: 20_000 });

  await playground.lanesFrom.fill('0');
  await playground.lanesFrom.press('Enter');
  await expect(playground.lanesShown).toHaveText('Lanes: goroutines 0–127 of 30,001');
  await expectNoViolations(playground.page, 'the timeline with its lane pager');
});
