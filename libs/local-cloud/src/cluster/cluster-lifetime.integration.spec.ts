import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, killChild, listen, startChild, workspaceRoot } from '@ha-uploads/process';
import { eventually } from '@ha-uploads/process/testing';

const CLUSTER_MAIN = 'libs/local-cloud/src/cluster/main.ts';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cluster-lifetime-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const clusterArgs = (port: number) => [
  '--import',
  'tsx',
  CLUSTER_MAIN,
  `--port=${port}`,
  `--data-dir=${dataDir}`,
  '--instances=2',
];

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Resolves once nothing accepts connections at `url` any more. */
async function refused(url: string): Promise<void> {
  await eventually(
    async () => {
      const answered = await fetch(`${url}/healthz`).then(
        () => true,
        () => false,
      );
      if (answered) throw new Error(`${url} still answers`);
    },
    { timeoutMs: 30_000 },
  );
}

describe('the local cluster process', () => {
  it('takes its instances down with it when it is killed with SIGKILL', async () => {
    // GIVEN a running cluster and the instance URLs it printed
    const instanceUrls: string[] = [];
    const instancePids: number[] = [];
    const { child } = await startChild(process.execPath, clusterArgs(0), {
      cwd: workspaceRoot(),
      stdio: ['ignore', 'pipe', 'inherit'],
      timeoutMs: 120_000,
      name: 'the cluster',
      ready: (line) => {
        const instance = /^\s+web-\d+\s+(http:\/\/\S+)\s+pid (\d+)/.exec(line);
        if (instance) instanceUrls.push(instance[1]);
        if (instance) instancePids.push(Number(instance[2]));
        return line.startsWith('cluster ready:') ? true : undefined;
      },
    });
    expect(instanceUrls).toHaveLength(2);
    // WHEN the cluster is killed with no chance to clean up
    await killChild(child);
    // THEN every instance notices and lets go of its port
    try {
      await Promise.all(instanceUrls.map(refused));
    } finally {
      // A failed run must not leave them behind either.
      for (const pid of instancePids) killIfRunning(pid);
    }
  }, 180_000);

  it('exits 1 with one line naming the port and --port when the port is taken, starting no instance', async () => {
    // GIVEN a port something else holds
    const holder: Server = createServer();
    const port = await listen(holder, 0, '127.0.0.1');
    try {
      // WHEN the cluster is started on it
      const child = spawn(process.execPath, clusterArgs(port), {
        cwd: workspaceRoot(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = await once(child, 'close');
      // THEN it fails with the one line, and no instance was launched
      expect(code).toBe(1);
      expect(stderr).toContain(
        `port ${port} on 127.0.0.1 is already in use; pass --port=N (npx nx run webapp:cluster --port=N)`,
      );
      expect(stdout).not.toMatch(/launched web-/);
    } finally {
      await closeServer(holder);
    }
  }, 120_000);
});
