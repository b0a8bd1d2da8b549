import { request } from 'node:http';
import type { ProbeResult, Target, TargetPool } from './target-pool';

/** How the balancer probes its targets, like an ALB target group's health check. */
export interface HealthCheckOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Probes every checked target on an interval and records the results in the pool. */
export function startHealthChecks(
  pool: TargetPool,
  options: HealthCheckOptions,
): { checkNow(): Promise<void>; stop(): void } {
  const checkNow = async () => {
    await Promise.all(pool.checked().map(async (target) => pool.record(target.id, await probe(target, options))));
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

/** Passes when the target answers the health path with 200 within the timeout; otherwise says why, as the ALB does. */
export function probe(target: Target, options: Pick<HealthCheckOptions, 'path' | 'timeoutMs'>): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let timedOut = false;
    const req = request(
      new URL(options.path, target.url),
      { method: 'GET', timeout: options.timeoutMs, agent: false },
      (res) => {
        res.resume();
        const ok = res.statusCode === 200;
        resolve(ok ? { ok } : { ok, reason: `Target.ResponseCodeMismatch: health check answered ${res.statusCode}` });
      },
    );
    req.on('timeout', () => {
      timedOut = true;
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        reason: timedOut
          ? `Target.Timeout: no answer within ${options.timeoutMs} ms`
          : `Target.FailedHealthChecks: ${err.code ?? err.message}`,
      }),
    );
    req.end();
  });
}
