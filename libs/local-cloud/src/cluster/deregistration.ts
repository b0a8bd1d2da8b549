import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetPool } from './target-pool';

const POLL_MS = 50;

/**
 * Deregisters a target as the ALB does: no new requests, in-flight ones may finish for up to `delayMs` (done early
 * once none is left), then whatever is still in flight is cut. Resolves with how many requests were cut.
 */
export async function deregisterTarget(pool: TargetPool, id: string, delayMs: number): Promise<number> {
  pool.drain(id);
  const deadline = Date.now() + delayMs;
  while (pool.inFlight(id) > 0 && Date.now() < deadline) await sleep(POLL_MS);
  return pool.remove(id);
}
