import { request } from 'node:http';
import type { Target, TargetPool } from './target-pool';

/** How the balancer probes its targets, like an ALB target group's health check. */
export interface HealthCheckOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Probes every target on an interval and records the results in the pool. Returns a stop function. */
export function startHealthChecks(pool: TargetPool, options: HealthCheckOptions): { checkNow(): Promise<void>; stop(): void } {
  const checkNow = async () => {
    await Promise.all(pool.all().map(async (target) => pool.record(target.id, await probe(target, options))));
  };
  let running: Promise<void> = checkNow();
  const timer = setInterval(() => {
    running = running.then(checkNow);
  }, options.intervalMs);
  timer.unref();
  return {
    checkNow: () => (running = running.then(checkNow)),
    stop: () => clearInterval(timer),
  };
}

/** True when the target answers the health path with a 2xx within the timeout. */
function probe(target: Target, options: HealthCheckOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(new URL(options.path, target.url), { method: 'GET', timeout: options.timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('timeout', () => req.destroy(new Error('health check timed out')));
    req.on('error', () => resolve(false));
    req.end();
  });
}
