// The learner's own program: edit the Go code, see it run on the simulated runtime, step it back and forth with its output, read compile and run-time errors, share it.

import { expectNoViolations } from '../fixtures/axe.mjs';
import { expect, test } from '../fixtures/test.mjs';

const PRINTS = `package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i * 10
		}
		close(ch)
	}()
	for v := range ch {
		fmt.Println("got", v)
	}
}
`;

const DOES_NOT_COMPILE = `package main

import "fmt"

func main() {
	var x int = "three"
	fmt.Println(x)
}
`;

const DEADLOCKS = `package main

func main() {
	ch := make(chan int)
	ch <- 1
}
`;

/** The editor's parts, by data-testid. */
function editorOf(page) {
  return {
    panel: page.getByTestId('program'),
    input: page.getByTestId('editor-input'),
    status: page.getByTestId('program-status'),
    lines: page.getByTestId('console-line'),
    failure: page.getByTestId('console-failure'),
    diagnostics: page.getByTestId('diagnostic'),
  };
}

test('a program typed in the editor runs, steps back and forth with its output, and travels in a share link', async ({
  playground,
  page,
  context,
}) => {
  await playground.openLink('strategy=pool&workers=2&tasks=6&dur=1ms');
  await page.getByTestId('edit-program').click();
  const editor = editorOf(page);
  await expect(editor.input).toHaveValue(/package main/);
  await playground.waitForRun('ready');
  // The strategy's own program, interpreted, reports what it did.
  await page.keyboard.press('End');
  await playground.press('End');
  await expect(editor.lines.first()).toBeVisible();

  await editor.input.fill(PRINTS);
  await playground.waitForRun('ready');
  await expect(editor.status).toContainText('ran to the end');
  await playground.press('End');
  await expect(editor.lines).toHaveText([/got 0$/, /got 10$/, /got 20$/]);
  // Stepping back un-prints: at the start nothing is printed yet.
  await playground.press('Home');
  await expect(editor.lines).toHaveCount(0);
  let steps = 0;
  while ((await editor.lines.count()) === 0 && steps < 200) {
    await playground.stepForward.click();
    steps += 1;
  }
  await expect(editor.lines).toHaveCount(1);
  const firstPrinted = await playground.playhead();
  await playground.stepBack.click();
  await expect(editor.lines).toHaveCount(0);
  expect(firstPrinted).toBeGreaterThan(0);

  await expectNoViolations(page, 'the playground with the program editor open');

  // The link carries the program; a fresh context opens the same run.
  await playground.press('End');
  await expect.poll(() => page.url()).toContain('prog=');
  const link = page.url();
  const fresh = await (await context.browser().newContext()).newPage();
  await fresh.goto(link);
  const reopened = editorOf(fresh);
  await expect(reopened.input).toHaveValue(PRINTS, { timeout: 30_000 });
  await expect(fresh.getByTestId('run-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await fresh.locator('body').focus();
  await fresh.keyboard.press('End');
  await expect(reopened.lines).toHaveText([/got 0$/, /got 10$/, /got 20$/]);
  await expect(fresh.getByTestId('metric-makespan')).toHaveText(await playground.makespan.textContent());
  await fresh.context().close();
});

test('compile errors are shown at their line as go build gives them, and a deadlock is stepped up to where it stops', async ({
  playground,
  page,
}) => {
  await playground.openLink('strategy=pool&workers=2&tasks=4&dur=1ms');
  await page.getByTestId('edit-program').click();
  const editor = editorOf(page);
  await playground.waitForRun('ready');

  await editor.input.fill(DOES_NOT_COMPILE);
  await expect(editor.status).toContainText('does not compile', { timeout: 30_000 });
  await expect(editor.diagnostics).toHaveCount(1);
  await expect(editor.diagnostics.first()).toContainText('main.go:6:14: cannot use "three" (untyped string constant) as int value');
  await expect(page.locator('.margin-line.has-error')).toHaveAttribute('data-line', '6');
  // Choosing the error puts the caret on it.
  await editor.diagnostics.first().click();
  await expect(editor.input).toBeFocused();

  await editor.input.fill(DEADLOCKS);
  await playground.waitForRun('ready');
  await playground.press('End');
  await expect(editor.failure).toHaveText('fatal error: all goroutines are asleep - deadlock!');
  await expect(editor.status).toContainText('deadlock');
  await playground.press('Home');
  await expect(editor.failure).toHaveCount(0);

  // Reset puts the strategy's program back, as one step of the editor's
  // undo: Ctrl+Z brings the learner's text back. Closing runs the built-in strategy again.
  await page.getByTestId('program-reset').click();
  await expect(editor.input).toHaveValue(/work\.Parse\(\)/);
  await page.keyboard.press('Control+z');
  await expect(editor.input).toHaveValue(DEADLOCKS);
  await page.getByTestId('program-reset').click();
  await expect(editor.input).toHaveValue(/work\.Parse\(\)/);
  await playground.waitForRun('ready');
  await page.getByTestId('program-close').click();
  await expect(editor.panel).toHaveCount(0);
  await playground.waitForRun('ready');
  await expect(page.getByTestId('code')).toBeVisible();
  await expect.poll(() => page.url()).not.toContain('prog=');
});

test('a broken program in a link says what is wrong with it', async ({ playground, page }) => {
  await playground.open('/#?strategy=pool&tasks=4&prog=AAAA');
  await playground.waitForRun('failed');
  await expect(page.getByTestId('run-status')).toContainText('prog:');
});

test('a "fix the program" exercise opens its broken program in the editor and is met by a fix', async ({ page }) => {
  await page.goto('/#/lesson/leaks-and-cancellation');
  const exercise = page.getByTestId('exercise').filter({ has: page.getByTestId('exercise-open-program') });
  await expect(exercise).toHaveCount(1);
  await expect(exercise).toHaveAttribute('data-state', 'not-met', { timeout: 30_000 });
  await expect(exercise.getByTestId('goal-check').first()).toContainText('open it in the editor and fix it');

  await exercise.getByTestId('exercise-open-program').click();
  const editor = editorOf(page);
  await expect(editor.input).toHaveValue(/out <- t/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  // Its goroutines still leak: the goal is not met.
  await expect(exercise).toHaveAttribute('data-state', 'not-met');
  await expect(exercise.getByTestId('goal-check').filter({ hasText: 'leaked goroutines 9' })).toHaveCount(1);

  await exercise.getByTestId('exercise-solution-toggle').click();
  await exercise.getByTestId('exercise-solution-load').click();
  await expect(editor.input).toHaveValue(/ctx\.Done\(\)/);
  await expect(exercise).toHaveAttribute('data-state', 'met', { timeout: 30_000 });
  await expectNoViolations(page, 'a lesson with its program to fix in the editor');
});

test('an endless loop is stopped with a message, and edits typed during a long run still run', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=4&dur=1ms');
  await page.getByTestId('edit-program').click();
  const editor = editorOf(page);
  await playground.waitForRun('ready');

  await editor.input.fill('package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}\n');
  await expect(editor.status).toContainText('100000000 instructions', { timeout: 30_000 });

  // Edits typed while a long run goes: the last one is what runs.
  await editor.input.fill('package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn += 2\n\t}\n}\n');
  await expect(editor.status).toContainText('Running');
  await editor.input.fill('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("done")\n}\n');
  await expect(editor.status).toContainText('ran to the end', { timeout: 10_000 });
  await playground.press('End');
  await expect(editor.lines).toHaveText([/done$/]);
});

test('Tab indents in the editor and undo takes it back; Esc then Tab moves on', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=2&tasks=4&dur=1ms');
  await page.getByTestId('edit-program').click();
  const input = page.getByTestId('editor-input');
  const text = 'package main\n\nfunc main() {\n}\n';
  await input.fill(text);
  await expect(page.getByTestId('program-status')).toContainText('ran to the end', { timeout: 30_000 });
  await input.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect(input).toHaveValue(`\t${text}`);
  await expect(input).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(input).toHaveValue(text);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(input).not.toBeFocused();
});
