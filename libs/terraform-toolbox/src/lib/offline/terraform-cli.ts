import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The terraform executable on `path` (a PATH-style list), or undefined when absent. */
export function findTerraform(path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Result of one terraform command. */
export interface TerraformRun {
  readonly args: readonly string[];
  readonly output: string;
  readonly durationMs: number;
}

/** Runs terraform in `cwd` with exactly `env`; rejects with the command's output when it exits non-zero. */
export function runTerraform(
  terraform: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<TerraformRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(terraform, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (code === 0) resolve({ args, output, durationMs: performance.now() - started });
      else reject(new Error(`terraform ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}
