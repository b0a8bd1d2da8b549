import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort, stopChild, workspaceRoot } from '@ha-uploads/process';
import type { BackendsReady } from './backends-process';

/** The repository root; every command runs from there, as nx runs them. */
export const WORKSPACE_ROOT = workspaceRoot();

/** A child process the benchmark started and must stop. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function manage(child: ChildProcess): ManagedProcess {
  return { child, pid: child.pid ?? -1, stop: (graceMs?: number) => stopChild(child, graceMs) };
}

/** Local backends running in a child process. */
export interface BackendsProcess extends ManagedProcess, BackendsReady {}

/**
 * Starts dynalite and s3rver (via startLocalBackends) in a child process persisted under `dataDir`, with the bucket
 * and table created. `env` is the whole environment of the child (the entry point passes its own down).
 */
export async function startBackendsProcess(
  dataDir: string,
  bucket: string,
  table: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<BackendsProcess> {
  const child = fork(path.join(__dirname, 'backends-process.ts'), [dataDir, bucket, table], {
    cwd: WORKSPACE_ROOT,
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await Promise.race([
    once(child, 'message').then(([message]) => message as BackendsReady),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the backends process exited with code ${code} before it was ready`);
    }),
  ]);
  return { ...manage(child), ...ready };
}

/** How to start the webapp: a command line and its whole environment. */
export interface WebappLaunch {
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A webapp child process and its base URL. */
export interface WebappProcess extends ManagedProcess {
  readonly baseUrl: string;
  /** Milliseconds from spawn to the first 200 on /healthz. */
  readonly startupMs: number;
}

/** The built bundle, run by `node` (this Node unless the bench was given another). */
export function bundleLaunch(
  bundle: string,
  env: Readonly<Record<string, string | undefined>>,
  node = process.execPath,
): WebappLaunch {
  return { command: [node, bundle], env };
}

/** The serve path: tsx on the sources (what `nx run webapp:serve` runs). */
export function sourceLaunch(env: Readonly<Record<string, string | undefined>>): WebappLaunch {
  return { command: [path.join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), 'libs/local-cloud/src/serve/main.ts'], env };
}

/** Spawns the webapp on a free loopback port and waits for /healthz to answer 200. */
export async function startWebapp(launch: WebappLaunch, timeoutMs = 60_000): Promise<WebappProcess> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const [file, ...args] = launch.command;
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: WORKSPACE_ROOT,
    env: { ...launch.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const managed = manage(child);
  try {
    await waitForOk(`${baseUrl}/healthz`, child, timeoutMs);
  } catch (err) {
    await managed.stop(1_000);
    throw err;
  }
  return { ...managed, baseUrl, startupMs: performance.now() - started };
}

/** Polls `url` every 10 ms until it answers 200; fails when the process exits or the time is up. */
async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the webapp exited (${child.exitCode ?? child.signalCode}) before ${url} answered 200`);
    }
    if ((await statusOf(url)) === 200) return;
    await delay(10);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(0));
  });
}

/**
 * Runs a command to completion with the given (whole) environment; returns its exit code, elapsed ms and output tail.
 */
export async function timeCommand(
  command: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  maxOutputChars = 4_000,
): Promise<{ code: number; durationMs: number; output: string }> {
  const [file, ...args] = command;
  const started = performance.now();
  const child = spawn(file, args, { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutputChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code: code ?? -1, durationMs: performance.now() - started, output };
}
