// Play moves the virtual clock forward on its own; pause stops it.

import { expect, test } from '../fixtures/test.mjs';

test('play advances the clock and pause holds it', async ({ playground }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=20&dur=10ms');
  await expect(playground.clock).toHaveText('0 ns');

  await playground.speed.selectOption('4');
  await playground.play.click();
  await expect(playground.play).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => playground.playhead(), { timeout: 10_000 }).toBeGreaterThan(10);
  await expect(playground.clock).not.toHaveText('0 ns');

  await playground.play.click();
  await expect(playground.play).toHaveAttribute('data-state', 'paused');
  const held = await playground.playhead();
  // Playback moves only on animation frames: after many, a paused playhead has had every chance to move.
  await playground.framesDrawn(30);
  expect(await playground.playhead()).toBe(held);
});
