// Every control has a key: arrows step, Home/End jump, space plays, digits set the speed, ? opens the help.

import { expect, test } from '../fixtures/test.mjs';

test('the keyboard drives playback and opens the help', async ({ playground }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=10');

  for (let i = 0; i < 3; i++) await playground.press('ArrowRight');
  await playground.expectPlayhead(3);
  await playground.press('ArrowLeft');
  await playground.expectPlayhead(2);

  await playground.press('End');
  const last = Number(await playground.scrub.getAttribute('max'));
  expect(last).toBeGreaterThan(10);
  await playground.expectPlayhead(last);
  await playground.press('Home');
  await playground.expectPlayhead(0);

  await playground.press('3');
  await expect(playground.speed).toHaveValue('3');
  await playground.press('-');
  await expect(playground.speed).toHaveValue('2');

  await playground.press(' ');
  await expect(playground.play).toHaveAttribute('data-state', 'playing');
  await playground.press(' ');
  await expect(playground.play).toHaveAttribute('data-state', 'paused');

  await playground.press('?');
  await expect(playground.help).toBeVisible();
  await expect(playground.help).toContainText('step forward / back one event');
  await playground.page.keyboard.press('Escape');
  await expect(playground.help).toBeHidden();
});
