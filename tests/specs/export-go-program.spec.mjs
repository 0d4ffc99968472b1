// "Download Go program" saves one self-contained main.go: in an empty folder, without a module or the network, `go vet` passes and `go run` runs the scenario.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { expect, test } from '../fixtures/test.mjs';

const run = promisify(execFile);

/** `go` as a newcomer runs it in a fresh folder: no module, no proxy, Go's own GOMAXPROCS. */
function go(dir, ...args) {
  const env = { ...process.env, GOPROXY: 'off' };
  for (const name of ['GOFLAGS', 'GO111MODULE', 'GOMAXPROCS']) delete env[name];
  return run('go', args, { cwd: dir, env, timeout: 120_000 });
}

test('the downloaded Go program builds with go vet and runs the scenario', async ({ playground, page }) => {
  await playground.openLink('strategy=pool&workers=4&tasks=8&dur=20ms');
  const button = page.getByTestId('download-go');
  await expect(button).toHaveAccessibleName('Download Go program');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('main.go');
  await expect(page.getByTestId('export')).toHaveAttribute('data-state', 'program-saved');

  const dir = await mkdtemp(join(tmpdir(), 'gobalance-download-'));
  try {
    const file = join(dir, 'main.go');
    await download.saveAs(file);
    const source = await readFile(file, 'utf8');
    expect(source).toContain('package main');
    expect(source).not.toContain('//@');
    expect(source).not.toContain('gobalance/work');
    const predicted = Number(source.match(/The simulation predicts elapsed_ns=(\d+)\./)[1]);

    await go(dir, 'vet', 'main.go');
    const { stdout } = await go(dir, 'run', 'main.go');
    // The scenario's eight tasks, each reported back.
    const result = stdout.match(/elapsed_ns=(\d+) results=(\d+)/);
    expect(result, stdout).not.toBeNull();
    expect(Number(result[2])).toBe(8);
    // Two rounds of four 20 ms tasks: the real run takes about the simulated
    // 40 ms (tests/go.rs holds it to 5%; here a loose bound, Chromium shares the machine).
    expect(Number(result[1])).toBeGreaterThan(predicted * 0.9);
    expect(Number(result[1])).toBeLessThan(predicted * 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
