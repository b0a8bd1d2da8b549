import type { Logger } from 'pino';

/** What the cleanup needs of the counters. */
export interface ExpiringCounters {
  removeExpired(now: Date): Promise<number>;
}

/**
 * Removes limit windows that are over every `intervalSeconds` (0: never), standing in for DynamoDB's TTL, which the
 * local backends lack. Counting never depends on it: each window has its own item. Returns a stop function.
 */
export function scheduleCounterCleanup(counters: ExpiringCounters, opts: { readonly intervalSeconds: number; readonly logger: Logger; readonly now?: () => Date }): () => void {
  if (opts.intervalSeconds === 0) return () => undefined;
  const now = opts.now ?? (() => new Date());
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    counters
      .removeExpired(now())
      .then((removed) => removed > 0 && opts.logger.debug({ removed }, 'removed expired limit windows'))
      .catch((err: unknown) => opts.logger.warn({ err }, 'removing expired limit windows failed; the next run retries'))
      .finally(() => {
        running = false;
      });
  }, opts.intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
