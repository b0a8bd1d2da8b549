import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from '@ha-uploads/process';

/** A webapp instance running as a child process. */
export interface InstanceProcess {
  readonly id: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one instance: the command (tsx on the sources, or node on the bundle) and its environment. */
export interface InstanceLaunch {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** Spawns one instance; its logs go to this process's stdout/stderr. */
export function spawnInstance(launch: InstanceLaunch): InstanceProcess {
  const [file, ...args] = launch.command;
  const child = spawn(file, args, {
    cwd: launch.cwd,
    env: { ...launch.env, PORT: String(launch.port), HOST: launch.host, INSTANCE_ID: launch.id },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    id: launch.id,
    url: `http://${launch.host}:${launch.port}`,
    child,
    stop: (graceMs?: number) => stopChild(child, graceMs),
  };
}
