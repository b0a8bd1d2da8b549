import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Whether the child is still running (it has neither exited nor been killed by a signal). */
export function isRunning(child: ChildProcess): boolean {
  // No pid: it never started (e.g. ENOENT), so it will never emit 'exit'.
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** SIGTERM (a graceful drain), then SIGKILL if the child has not exited within `graceMs`. No-op once exited. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** SIGKILL and wait for the exit: a crash with no chance to clean up. No-op once exited. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
