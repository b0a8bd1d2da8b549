import { setTimeout as delay } from 'node:timers/promises';

/** How long `eventually` keeps trying, and how often. */
export interface EventuallyOptions {
  /** @default 10000 */
  readonly timeoutMs?: number;
  /** @default 50 */
  readonly intervalMs?: number;
}

/**
 * Retries `check` until it resolves without throwing, or rethrows its last failure at the deadline.
 * For outcomes the server reaches on its own a moment later (cleanup after an abort): bounded, never timed.
 */
export async function eventually<T>(check: () => Promise<T> | T, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await delay(options.intervalMs ?? 50);
  }
}
