// axe-core finds no violation on the playground, light and dark, at 1280 and 375 px: as it opens, mid-run on a steal with a goroutine selected and the sweep drawn, with the help open, and with the program editor open.

import { expectNoViolations } from '../fixtures/axe.mjs';
import { expect, test } from '../fixtures/test.mjs';

const steal = 'strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms';

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`the playground has no axe violations, ${colorScheme} at ${width} px`, async ({ playground, page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });

      await playground.open('/');
      await playground.waitForRun('ready');
      await playground.waitForJobToFinish();
      await expectNoViolations(page, 'the playground as it opens', { soft: true });

      await playground.openLink(steal);
      await playground.waitForJobToFinish();
      await playground.jumpSteal.click();
      await expect(playground.stealArrow).toBeVisible();
      await page.locator('[data-testid=lane][data-g="1"] button').click();
      await expect(page.locator('[data-testid=lane][data-g="1"]')).toHaveClass(/selected/);
      await playground.sweepRun.click();
      await expect(page.getByTestId('sweep')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      await expectNoViolations(page, 'a steal, a goroutine selected, the sweep drawn', { soft: true });

      await playground.press('?');
      await expect(playground.help).toBeVisible();
      await expectNoViolations(page, 'the help open', { soft: true });
    });
  }

  test(`compare mode has no axe violations, ${colorScheme} at 1280 px`, async ({ playground, page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme });
    await playground.openLink('strategy=pool&workers=4&tasks=24&dist=pareto&dur=10ms&cpu=1&compare=pool,steal,static&at=400');
    await expect(playground.stages).toHaveCount(3);
    await playground.waitForJobToFinish();
    await expectNoViolations(page, 'compare mode');
  });

  for (const width of [1280, 375]) {
    test(`the program editor has no axe violations, ${colorScheme} at ${width} px`, async ({ playground, page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await playground.openLink('strategy=pool&workers=2&tasks=8&dur=1ms');
      await playground.waitForJobToFinish();
      await page.getByTestId('edit-program').click();
      await playground.waitForRun('ready');
      for (let i = 0; i < 30; i++) await playground.stepForward.click();
      await playground.press('End');
      await expect(page.getByTestId('console-line').first()).toBeVisible();
      await expectNoViolations(page, 'the editor mid-run, with output', { soft: true });
      await page.getByTestId('editor-input').fill('package main\n\nfunc main() {\n\tx := 1\n}\n');
      await expect(page.getByTestId('diagnostic')).toHaveCount(1, { timeout: 30_000 });
      await expectNoViolations(page, 'the editor with a compile error', { soft: true });
    });
  }
}
