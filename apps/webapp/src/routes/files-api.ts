import Router from '@koa/router';
import { noFileError, receiveUploads } from '../http/multipart-upload';
import type { AppState } from '../http/state';
import { limitedUpload } from '../http/upload-limit';
import type { RouteDeps } from './route-deps';

/** The JSON API: list, upload, read and delete file records. */
export function filesApiRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/files' });

  router.get('/', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.files.list({ limit: ctx.query.limit, cursor: ctx.query.cursor });
  });

  router.post('/', async (ctx) => {
    const { records } = await limitedUpload(ctx, deps.uploadLimits, () => receiveUploads(ctx, { ...deps, uploadedBy: deps.instanceId }));
    if (records.length === 0) throw noFileError();
    ctx.status = 201;
    ctx.body = { files: records };
  });

  router.get('/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.files.get(ctx.params.id);
  });

  router.delete('/:id', async (ctx) => {
    await deps.files.delete(ctx.params.id);
    ctx.status = 204;
  });

  return router;
}
