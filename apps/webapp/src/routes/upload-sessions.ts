import Router from '@koa/router';
import type { UploadSessionService } from '@ha-uploads/files';
import { AppError } from '../http/errors';
import { ensureOwner } from '../http/identity';
import { readJsonBody } from '../http/json-body';
import type { AppState } from '../http/state';
import { limitedSessionStart } from '../http/upload-limit';
import { toFileView } from './file-views';
import { API_PREFIX, ROUTER_OPTIONS } from '../http/paths';
import type { RouteDeps } from './route-deps';
import { completeBody, createSessionBody, sessionBodyCode, signBody } from './upload-session-bodies';

/** A complete call lists every part (10,000 at most, about 110 bytes each). */
const COMPLETE_BODY_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The upload-session API: the client sends a large file's parts straight to S3 with presigned URLs; the app only
 * signs, reports the parts S3 lists, and completes. Every call reads (or writes with a condition) its session in the
 * catalog, so any
 * instance serves any call.
 */
export function uploadSessionRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>({ ...ROUTER_OPTIONS, prefix: API_PREFIX });
  const sessions = (): UploadSessionService => {
    if (!deps.sessions)
      throw new AppError(
        501,
        'DIRECT_UPLOADS_OFF',
        'Direct uploads are not configured here; post the file to /api/files.',
      );
    return deps.sessions;
  };

  router.post('/uploads', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const service = sessions();
    const body = await readJsonBody(ctx, createSessionBody, undefined, sessionBodyCode);
    const declared = Number.isSafeInteger(body.size) && body.size > 0 ? body.size : 0;
    const created = await limitedSessionStart(ctx, deps.uploadLimits, deps.metrics, declared, () => {
      const ownerId = ensureOwner(ctx, deps.auth);
      return service.create({ ...body, ownerId }, deps.instanceId);
    });
    ctx.status = 201;
    // The new owner secret is returned this once, for clients that keep no cookies (send it as a Bearer token).
    ctx.body =
      ctx.state.issuedOwnerSecret === undefined ? created : { ...created, ownerToken: ctx.state.issuedOwnerSecret };
  });

  router.get('/uploads/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await sessions().status(ctx.params.id, ctx.state.identity);
  });

  router.post('/uploads/:id/sign', async (ctx) => {
    const body = await readJsonBody(ctx, signBody, undefined, sessionBodyCode);
    ctx.body = await sessions().sign(ctx.params.id, ctx.state.identity, body.parts);
  });

  router.post('/uploads/:id/parts', () => {
    // A page loaded before S3's ListParts became the only record of stored parts may still confirm them.
    throw new AppError(
      410,
      'ENDPOINT_REMOVED',
      'This page is out of date: reload it and choose the file again to resume the upload.',
    );
  });

  router.post('/uploads/:id/complete', async (ctx) => {
    const body = await readJsonBody(ctx, completeBody, COMPLETE_BODY_MAX_BYTES, sessionBodyCode);
    const record = await sessions().complete(ctx.params.id, ctx.state.identity, body.parts);
    ctx.status = 201;
    ctx.body = toFileView({ ...record, ownerId: ctx.state.identity.ownerId }, ctx.state.identity);
  });

  router.delete('/uploads/:id', async (ctx) => {
    await sessions().abort(ctx.params.id, ctx.state.identity);
    ctx.status = 204;
  });

  return router;
}
