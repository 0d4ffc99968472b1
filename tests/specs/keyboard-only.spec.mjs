// With the keyboard alone: Tab reaches every control; the help opens, keeps the focus inside, closes on Esc and gives the focus back; play, step and share work.

import { expect, test } from '../fixtures/test.mjs';

/** The focused element: its data-testid, or its tag and the testid of what holds it (`button in lane`), or its tag. */
const focused = (page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return null;
    if (element.dataset?.testid) return element.dataset.testid;
    const tag = element.tagName.toLowerCase();
    const holder = element.closest('[data-testid]')?.dataset.testid;
    return holder ? `${tag} in ${holder}` : tag;
  });

/** Presses Tab until the element with `testid` has the focus; fails if a whole round of the page never reaches it. */
async function tabTo(page, testid, { back = false } = {}) {
  const seen = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now === testid) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${testid}; it went through ${seen.slice(0, 60).join(', ')}`);
}

test('every control is reached with Tab alone', async ({ playground, page }) => {
  await playground.openLink('strategy=steal&workers=3&tasks=12&dist=exp&dur=5ms&seed=7&at=40');
  const stops = new Set();
  await page.locator('body').focus();
  // Once round the page: Tab until the focus comes back to where it started.
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (stops.has(now) && now === 'lessons-link') break;
    stops.add(now);
  }
  for (const control of ['lessons-link', 'share', 'help-button', 'summary', 'param-strategy', 'param-workers',
    'compare-pool', 'step-back', 'play', 'step-forward', 'jump-steal', 'jump-block', 'jump-leak', 'speed', 'scrub',
    'button in lane', 'cursor', 'sweep-run']) {
    expect([...stops], `Tab reaches ${control}`).toContain(control);
  }
});

test('the help opens, traps the focus, closes on Esc and gives the focus back', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=10');
  await page.locator('body').focus();

  // Opened from its button with Enter: the focus moves into the dialog.
  await tabTo(page, 'help-button');
  await page.keyboard.press('Enter');
  await expect(playground.help).toBeVisible();
  await expect(page.getByTestId('help-close')).toBeFocused();
  const insideHelp = () => page.evaluate(() => document.querySelector('[data-testid=help]').contains(document.activeElement));
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await insideHelp(), `after ${key} the focus is still in the help`).toBe(true);
  }
  // Keys of the page behind do nothing while the help is open.
  await page.keyboard.press('ArrowRight');
  await playground.expectPlayhead(0);
  await page.keyboard.press('Escape');
  await expect(playground.help).toBeHidden();
  await expect(page.getByTestId('help-button')).toBeFocused();

  // Opened with `?` from another control: closing gives the focus back to that control.
  await tabTo(page, 'step-forward');
  await page.keyboard.press('?');
  await expect(playground.help).toBeVisible();
  await expect(page.getByTestId('help-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(playground.help).toBeHidden();
  await expect(playground.stepForward).toBeFocused();

  // Closed with its own button (Enter): the same.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(playground.help).toBeHidden();
  await expect(playground.stepForward).toBeFocused();
});

test('play, step and share with the keyboard alone', async ({ playground, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await playground.openLink('strategy=steal&workers=3&tasks=12&dist=exp&dur=5ms&seed=7');
  await page.locator('body').focus();

  await tabTo(page, 'step-forward');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await playground.expectPlayhead(3);
  await page.keyboard.press('Space');
  await playground.expectPlayhead(4);

  await tabTo(page, 'step-back', { back: true });
  await page.keyboard.press('Enter');
  await playground.expectPlayhead(3);

  await tabTo(page, 'play');
  await page.keyboard.press('Enter');
  await expect(playground.play).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => playground.playhead()).toBeGreaterThan(3);
  await page.keyboard.press('Space');
  await expect(playground.play).toHaveAttribute('data-state', 'paused');
  const at = await playground.playhead();

  await tabTo(page, 'share', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-status')).toHaveText('Link copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await playground.shareLink.inputValue());
  expect(copied).toContain('strategy=steal');
  expect(copied).toContain(`at=${at}`);
});
