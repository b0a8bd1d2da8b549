import Router from '@koa/router';
import type { AppState } from '../http/state';
import { ROUTER_OPTIONS } from '../http/paths';
import type { RouteDeps } from './route-deps';

/** /healthz: the process is up (the ALB's check). /readyz: S3 and DynamoDB both answer, else 503. */
export function healthRoutes(deps: Pick<RouteDeps, 'catalog' | 'blobs'>): Router<AppState> {
  const router = new Router<AppState>(ROUTER_OPTIONS);

  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const [s3, dynamodb] = await Promise.all([check(() => deps.blobs.ping()), check(() => deps.catalog.ping())]);
    const checks = { s3, dynamodb };
    ctx.set('Cache-Control', 'no-store');
    if (s3 === 'ok' && dynamodb === 'ok') {
      ctx.body = { status: 'ready', checks };
      return;
    }
    ctx.status = 503;
    ctx.set('Retry-After', '5');
    ctx.body = { error: { code: 'NOT_READY', message: 'A backend (S3 or DynamoDB) is not answering.' }, checks };
  });

  return router;
}

// Each ping bounds its own time (the adapters abort their request), so a hung backend reads as unavailable.
async function check(ping: () => Promise<void>): Promise<'ok' | 'unavailable'> {
  try {
    await ping();
    return 'ok';
  } catch {
    return 'unavailable';
  }
}
