import Router from '@koa/router';
import { ensureOwner } from '../http/identity';
import type { AppState } from '../http/state';
import type { RouteDeps } from './route-deps';

/**
 * POST /api/owner: the caller's identity before it uploads. The page calls it once before sending several files in
 * parallel, so they all carry one owner cookie instead of each minting its own. Idempotent for a caller that has one.
 */
export function ownerRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api' });

  router.post('/owner', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ensureOwner(ctx, deps.auth);
    const issued = ctx.state.issuedOwnerSecret;
    // The new owner secret is returned this once, for clients that keep no cookies (send it as a Bearer token).
    if (issued === undefined) ctx.status = 204;
    else {
      ctx.status = 201;
      ctx.body = { ownerToken: issued };
    }
  });

  return router;
}
