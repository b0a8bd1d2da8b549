import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { workspaceRoot } from '@ha-uploads/process';

/** The workspace root: main.ts runs from there so tsx finds the root tsconfig's path mapping. */
const WORKSPACE_ROOT = workspaceRoot();
const MAIN = 'apps/webapp/src/main.ts';
/** tsx compiles the sources on start; on a busy 2-core machine that takes seconds. */
const START_TIMEOUT_MS = 45_000;

/** A real webapp process (`node --import tsx apps/webapp/src/main.ts`). */
export interface WebappProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout so far (its JSON logs). */
  readonly output: readonly string[];
  /** Sends SIGKILL and waits for the exit: a crash with no chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM (graceful drain), then waits for the exit. No-op once exited. */
  stop(): Promise<void>;
}

/** Starts main.ts with `env` (plus PORT=0 on 127.0.0.1 and INSTANCE_ID) and resolves once it listens. */
export async function startWebappProcess(instanceId: string, env: Readonly<Record<string, string>>): Promise<WebappProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', INSTANCE_ID: instanceId, LOG_LEVEL: 'info', SWEEP_INTERVAL_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${instanceId} did not listen within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
    // stdio 'pipe' always gives a stdout stream.
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    lines.on('line', (line) => {
      output.push(line);
      const port = listeningPort(line);
      if (port === undefined) return;
      clearTimeout(timer);
      resolve(port);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${instanceId} exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}

// main.ts logs {"msg":"listening on http://...","address":{"port":N}} once the server is up.
function listeningPort(line: string): number | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; address?: { port?: number } };
    return entry.msg?.startsWith('listening on ') ? entry.address?.port : undefined;
  } catch {
    return undefined;
  }
}
