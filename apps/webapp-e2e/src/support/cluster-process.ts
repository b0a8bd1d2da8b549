import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, stopChild, workspaceRoot } from '@ha-uploads/process';

/** A `webapp:cluster` run in a child process, on its own data directory and a free port. */
export interface ClusterProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the local cluster (backends, instances, load balancer) and resolves with the balancer URL. */
export async function startClusterProcess(
  options: {
    instances?: number;
    sticky?: boolean;
    auth?: boolean;
    env?: Record<string, string>;
    args?: readonly string[];
  } = {},
): Promise<ClusterProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'webapp-e2e-'));
  const args = ['--import', 'tsx', 'libs/local-cloud/src/cluster/main.ts', '--port=0', `--data-dir=${dataDir}`];
  args.push(`--instances=${options.instances ?? 2}`);
  if (options.sticky) args.push('--sticky');
  if (options.auth) args.push('--auth');
  args.push(...(options.args ?? []));
  const { child, ready: url } = await startChild(process.execPath, args, {
    cwd: workspaceRoot(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
    ready: (line) => /cluster ready: (http:\/\/\S+)/.exec(line)?.[1],
    timeoutMs: 120_000,
    name: 'the cluster',
  }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    url,
    async stop() {
      await stopChild(child, 30_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
