import type { Middleware } from 'koa';

/** Sets X-Served-By on every response (errors included), so a client can tell the instances apart. */
export function servedBy(instanceId: string): Middleware {
  return async function servedBy(ctx, next) {
    ctx.set('X-Served-By', instanceId);
    await next();
  };
}
