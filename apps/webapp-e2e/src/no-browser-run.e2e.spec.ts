import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findWorkspaceRoot } from '@ha-uploads/process';

const workspaceRoot = findWorkspaceRoot(__dirname);

/** The output of `run-e2e.cjs` on a PATH with only node and which on it: a machine without Chromium. */
async function runWithoutChromium(): Promise<string> {
  const bin = mkdtempSync(path.join(tmpdir(), 'no-chromium-'));
  try {
    symlinkSync(process.execPath, path.join(bin, 'node'));
    symlinkSync(execFileSync('which', ['which'], { encoding: 'utf8' }).trim(), path.join(bin, 'which'));
    const run = spawn(process.execPath, ['apps/webapp-e2e/scripts/run-e2e.cjs'], {
      cwd: workspaceRoot,
      env: { ...process.env, PATH: bin, CI: 'false', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await once(run, 'close');
    return output;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('the e2e run on a machine without Chromium', () => {
  it('says why, and counts every browser spec as skipped', async () => {
    // GIVEN the browser specs: every e2e spec but the bundle's
    const browserSpecs = readdirSync(__dirname).filter(
      (name) => name.endsWith('.e2e.spec.ts') && name !== 'bundle.e2e.spec.ts',
    );
    // WHEN the e2e target's script runs where no Chromium is found
    const output = await runWithoutChromium();
    // THEN it names the missing browser, and Jest's totals list every browser spec as skipped, none as run
    expect(output).toContain('Chromium is not installed');
    expect(output).toContain(`Test Suites: ${browserSpecs.length} skipped, 0 of ${browserSpecs.length} total`);
    expect(output).toMatch(/Tests: +\d+ skipped, \d+ total/);
  }, 180_000);
});
