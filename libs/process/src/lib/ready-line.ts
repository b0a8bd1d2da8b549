import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { killChild } from './child-process';

/** Options of waitForReadyLine. */
export interface ReadyLineOptions {
  /**
   * How long to wait for the line.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /**
   * Name used in error messages.
   * @default 'child process'
   */
  readonly name?: string;
}

/**
 * Resolves with `ready(line)` for the first stdout line it is defined for; rejects when the child exits first or
 * the time is up (naming the child and the tail of its stderr when piped). The child's stdout must be piped.
 */
export function waitForReadyLine<T>(
  child: ChildProcess,
  ready: (line: string) => T | undefined,
  options: ReadyLineOptions = {},
): Promise<T> {
  const name = options.name ?? 'child process';
  const timeoutMs = options.timeoutMs ?? 60_000;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  return new Promise<T>((resolve, reject) => {
    if (!child.stdout) return reject(new Error(`${name}: stdout is not piped`));
    const lines = createInterface({ input: child.stdout });
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      settle();
    };
    const onLine = (line: string) => {
      const value = ready(line);
      if (value !== undefined) finish(() => resolve(value));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() =>
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready${stderr && `: ${stderr}`}`)),
      );
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms${stderr && `: ${stderr}`}`))),
      timeoutMs,
    );
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}

/** A child process that printed its ready line, and what `ready` made of that line. */
export interface ReadyChild<T> {
  readonly child: ChildProcess;
  readonly ready: T;
}

/**
 * Spawns `command` with stdout piped (and stderr piped unless `options.stdio` says otherwise) and resolves once
 * it prints its ready line. A child that fails to get ready is killed, so nothing is left running.
 */
export async function startChild<T>(
  command: string,
  args: readonly string[],
  options: SpawnOptions & ReadyLineOptions & { readonly ready: (line: string) => T | undefined },
): Promise<ReadyChild<T>> {
  const { ready, timeoutMs, name, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  try {
    return { child, ready: await waitForReadyLine(child, ready, { timeoutMs, name }) };
  } catch (err) {
    await killChild(child);
    throw err;
  }
}
