import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isRunning, stopChild } from '@ha-uploads/process';

/** A webapp instance running as a child process. */
export interface InstanceProcess {
  readonly id: string;
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves once the process has exited, with its exit code or signal. */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to every process of the instance (its process group): the instance is gone. */
  kill(): Promise<void>;
}

/** How to start one instance: the command (tsx on the sources, or node on the bundle) and its environment. */
export interface InstanceLaunch {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Gets each line the instance writes to stdout. @default - stdout is this process's */
  readonly onOutput?: (line: string) => void;
}

/** Spawns one instance in its own process group, tied to this process; its logs go to this process's stdout/stderr. */
export function spawnInstance(launch: InstanceLaunch): InstanceProcess {
  const [file, ...args] = launch.command;
  const child = spawn(file, args, {
    cwd: launch.cwd,
    env: { ...launch.env, PORT: String(launch.port), HOST: launch.host, INSTANCE_ID: launch.id },
    // The IPC channel closes when this process dies, however it dies: the instance then shuts down (main.ts).
    stdio: ['ignore', launch.onOutput ? 'pipe' : 'inherit', 'inherit', 'ipc'],
    // Its own group, so a kill reaches every process of the instance, as losing the machine would.
    detached: true,
  });
  if (launch.onOutput && child.stdout) createInterface({ input: child.stdout }).on('line', launch.onOutput);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    // A command that cannot start (ENOENT) reports 'error' and never 'exit'.
    child.once('error', (err) => resolve(`error ${err.message}`));
  });
  return {
    id: launch.id,
    url: `http://${launch.host}:${launch.port}`,
    pid: child.pid ?? -1,
    child,
    exited,
    stop: (graceMs?: number) => stopChild(child, graceMs),
    async kill() {
      if (!isRunning(child) || child.pid === undefined) return;
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}
