import { spawn } from 'node:child_process';
import { workspaceRoot } from '@ha-uploads/process';

/** What one run of `webapp:roll` / `webapp:scale` printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the cluster control command (libs/local-cloud/src/cluster/control-main.ts) as a user would, and waits for its
 * exit.
 */
export function runClusterControl(args: readonly string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'libs/local-cloud/src/cluster/control-main.ts', ...args], {
    cwd: workspaceRoot(),
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
