import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { killChild, startChild, stopChild, workspaceRoot } from '@ha-uploads/process';

const MAIN = 'apps/webapp/src/main.ts';
/**
 * What `nx run webapp:serve` runs: the local cloud's serve program, the local S3 and DynamoDB, then main.ts on them.
 */
export const SERVE_MAIN = 'libs/local-cloud/src/serve/main.ts';
/** tsx compiles the sources on start; on a busy 2-core machine that takes seconds. */
const START_TIMEOUT_MS = 45_000;
/** SIGTERM drains for up to SHUTDOWN_TIMEOUT_MS (25 s by default); only a hung process meets SIGKILL. */
const STOP_DEADLINE_MS = 60_000;

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

/** Starts `entry` with `env` (plus PORT=0 on 127.0.0.1 and INSTANCE_ID) and resolves once it listens. */
export async function startWebappProcess(
  instanceId: string,
  env: Readonly<Record<string, string>>,
  /** @default - main.ts, the production entry */
  entry = MAIN,
): Promise<WebappProcess> {
  const output: string[] = [];
  // main.ts runs from the workspace root so tsx finds the root tsconfig's path mapping.
  const { child, ready: port } = await startChild(process.execPath, ['--import', 'tsx', entry], {
    cwd: workspaceRoot(),
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      INSTANCE_ID: instanceId,
      LOG_LEVEL: 'info',
      SWEEP_INTERVAL_SECONDS: '0',
    },
    ready: (line) => {
      output.push(line);
      return listeningPort(line);
    },
    timeoutMs: START_TIMEOUT_MS,
    name: instanceId,
  });
  // stdio 'pipe' always gives a stdout stream; keep every later line too.
  createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).on('line', (line) => output.push(line));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    kill: () => killChild(child),
    stop: () => stopChild(child, STOP_DEADLINE_MS),
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
