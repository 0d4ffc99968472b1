// A run of a million tasks, and a pool of five million, is steppable: open it, step, step back, jump to the end and play, within the tab's memory bound.
//
// The run simulates on a Web Worker and is kept as a compact timeline; the
// page states what it holds. The wasm memory (which only grows, so after
// the run it is the peak) must stay within 400 MB.

import { expect, test } from '../fixtures/test.mjs';

const MEMORY_MAX = 400 * 1024 * 1024;

for (const link of [
  'strategy=pool&workers=8&cores=8&tasks=1000000&dist=exp&dur=1ms',
  'strategy=unbounded&cores=8&tasks=1000000&dist=exp&dur=1ms',
  // The most tasks a link allows: a pool of them keeps its timeline too.
  'strategy=pool&workers=8&cores=8&tasks=5000000&dist=exp&dur=1ms',
]) {
  test(`a large run steps, steps back, jumps to the end and plays: ${link}`, async ({ playground }) => {
    test.setTimeout(180_000);
    await playground.open(`/?${link}`);
    await playground.waitForThreads('running');
    await expect(playground.runStatus).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
    await expect(playground.noTrace).toHaveCount(0);
    await expect(playground.stages.first()).toBeVisible();
    const steps = Number(await playground.scrub.getAttribute('max'));
    expect(steps).toBeGreaterThan(9_000_000);

    await playground.stepForward.click();
    await playground.expectPlayhead(1);
    const one = await playground.snapshot();
    await playground.stepForward.click();
    await playground.expectPlayhead(2);
    await playground.stepBack.click();
    await playground.expectPlayhead(1);
    expect(await playground.snapshot()).toEqual(one);

    await playground.press('End');
    await playground.expectPlayhead(steps);
    await expect(playground.eventLog.locator('li.current')).toHaveAttribute('value', String(steps));
    await playground.stepBack.click();
    await playground.expectPlayhead(steps - 1);

    await playground.press('Home');
    await playground.expectPlayhead(0);
    await playground.speed.selectOption('4');
    await playground.play.click();
    await expect.poll(() => playground.playhead(), { timeout: 20_000 }).toBeGreaterThan(1000);
    await playground.play.click();
    await expect(playground.play).toHaveAttribute('data-state', 'paused');

    // Past the first 128 goroutines, the timeline counts the rest by state in one band.
    if (link.includes('unbounded')) {
      await expect(playground.page.getByTestId('others-now')).toContainText('The other 999,8');
    }

    const held = playground.page.getByTestId('held');
    await expect(held).toContainText('Held in this tab for stepping');
    const wasmBytes = Number(await held.getAttribute('data-wasm-bytes'));
    expect(wasmBytes).toBeGreaterThan(0);
    expect(wasmBytes).toBeLessThanOrEqual(MEMORY_MAX);
  });
}
