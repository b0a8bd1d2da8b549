import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findWorkspaceRoot } from '@ha-uploads/process';

const workspaceRoot = findWorkspaceRoot(__dirname);

/** A `webapp:cluster` run in a child process, on its own data directory and a free port. */
export interface ClusterProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the local cluster (backends, instances, load balancer) and resolves with the balancer URL. */
export async function startClusterProcess(options: { instances?: number; sticky?: boolean; auth?: boolean } = {}): Promise<ClusterProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'webapp-e2e-'));
  const args = ['--import', 'tsx', 'apps/webapp/src/local/cluster/main.ts', '--port=0', `--data-dir=${dataDir}`];
  args.push(`--instances=${options.instances ?? 2}`);
  if (options.sticky) args.push('--sticky');
  if (options.auth) args.push('--auth');
  const child = spawn(process.execPath, args, { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await readyUrl(child);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for the cluster's "cluster ready" line; rejects if the process exits first. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (!child.stdout) return reject(new Error('cluster stdout is not piped'));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /cluster ready: (http:\/\/\S+)/.exec(line);
      if (match) resolvePromise(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`cluster exited with code ${code} before it was ready`)));
  });
}
